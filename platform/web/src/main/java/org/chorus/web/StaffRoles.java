package org.chorus.web;

/** The realm roles of the {@code chorus} Keycloak realm. */
public final class StaffRoles {

    public static final String MODERATOR = "moderator";
    public static final String RESOURCE_EDITOR = "resource-editor";
    public static final String CAMPAIGN_MANAGER = "campaign-manager";
    public static final String ADMIN = "admin";

    private StaffRoles() {
    }
}
