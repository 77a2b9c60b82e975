/** Renders the kustomize overlays and checks every object strictly against typed models, operator schemas and policy. */
package org.chorus.deploy.k8s;
