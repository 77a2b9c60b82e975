package org.chorus.notifications.staff;

import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.ServerErrorException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.chorus.web.InvalidInput;
import org.chorus.web.StaffRoles;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Staff accounts live in Keycloak; this is the one place that talks to its admin API. The admin client blocks, so
 * every call runs on {@code boundedElastic}, never on an event loop.
 */
@Component
public class StaffDirectory {

    public static final List<String> STAFF_ROLES =
            List.of(StaffRoles.MODERATOR, StaffRoles.RESOURCE_EDITOR, StaffRoles.CAMPAIGN_MANAGER, StaffRoles.ADMIN);

    private static final Logger log = LoggerFactory.getLogger(StaffDirectory.class);
    private static final int INVITATION_LIFESPAN_SECONDS = 72 * 3600;
    private static final int MAX_STAFF = 1000;
    private static final Pattern REFUSED_FIELD = Pattern.compile("\"field\"\\s*:\\s*\"([A-Za-z]+)\"");
    private static final Set<String> INVITATION_FIELDS = Set.of("username", "email", "firstName", "lastName");

    private final Keycloak keycloak;
    private final KeycloakAdminProperties properties;

    StaffDirectory(Keycloak keycloak, KeycloakAdminProperties properties) {
        this.keycloak = keycloak;
        this.properties = properties;
    }

    /** Everyone holding a staff role directly, each once, with all their staff roles. */
    public Flux<StaffMember> list() {
        return blocking(() -> {
            Map<String, UserRepresentation> users = new LinkedHashMap<>();
            Map<String, Set<String>> roles = new LinkedHashMap<>();
            for (String role : STAFF_ROLES) {
                for (UserRepresentation user : realm().roles().get(role).getUserMembers(0, MAX_STAFF)) {
                    if (isServiceAccount(user)) {
                        continue;
                    }
                    users.putIfAbsent(user.getId(), user);
                    roles.computeIfAbsent(user.getId(), id -> new TreeSet<>()).add(role);
                }
            }
            return users.values().stream().map(user -> member(user, roles.get(user.getId()))).toList();
        }).flatMapMany(Flux::fromIterable);
    }

    /**
     * Who should get mail meant for holders of {@code role}: enabled accounts with an address that hold the role
     * directly or through {@code admin}, which is composite of every staff role.
     */
    public Flux<StaffMember> reachableHolders(String role) {
        return list().filter(member -> member.enabled() && member.email() != null)
                .filter(member -> member.roles().contains(role) || member.roles().contains(StaffRoles.ADMIN));
    }

    public Mono<StaffMember> find(String id) {
        return blocking(() -> {
            UserResource user = user(id);
            return member(user.toRepresentation(), staffRoles(user.roles().realmLevel().listAll()));
        });
    }

    Mono<Invited> invite(Invitation invitation) {
        return blocking(() -> {
            UserRepresentation user = new UserRepresentation();
            user.setUsername(invitation.username());
            user.setEmail(invitation.email());
            user.setFirstName(invitation.firstName());
            user.setLastName(invitation.lastName());
            user.setEnabled(true);
            String id;
            try (Response response = realm().users().create(user)) {
                if (response.getStatus() == HttpStatus.CONFLICT.value()) {
                    throw new ResponseStatusException(HttpStatus.CONFLICT,
                            "A Keycloak account with this username or email already exists");
                }
                if (response.getStatus() == HttpStatus.BAD_REQUEST.value()) {
                    throw refusedByKeycloak(response);
                }
                id = CreatedResponseUtil.getCreatedId(response);
            }
            try {
                user(id).roles().realmLevel().add(representations(invitation.roles()));
            } catch (RuntimeException e) {
                // an account without the roles it was invited for is half an invitation: take it back
                realm().users().delete(id).close();
                throw e;
            }
            return new Invited(member(user(id).toRepresentation(), new TreeSet<>(invitation.roles())), sendInvitation(id));
        });
    }

    Mono<Boolean> resendInvitation(String id) {
        return blocking(() -> {
            user(id).toRepresentation();
            return sendInvitation(id);
        });
    }

    Mono<StaffMember> changeRoles(String id, Collection<String> wanted) {
        return blocking(() -> {
            UserResource user = user(id);
            Set<String> held = staffRoles(user.roles().realmLevel().listAll());
            List<String> toAdd = wanted.stream().filter(role -> !held.contains(role)).toList();
            List<String> toRemove = held.stream().filter(role -> !wanted.contains(role)).toList();
            if (!toAdd.isEmpty()) {
                user.roles().realmLevel().add(representations(toAdd));
            }
            if (!toRemove.isEmpty()) {
                user.roles().realmLevel().remove(representations(toRemove));
            }
            return member(user.toRepresentation(), new TreeSet<>(wanted));
        });
    }

    Mono<StaffMember> setEnabled(String id, boolean enabled) {
        return blocking(() -> {
            UserResource user = user(id);
            UserRepresentation representation = user.toRepresentation();
            representation.setEnabled(enabled);
            user.update(representation);
            if (!enabled) {
                // a disabled account must not keep working through a session it already has
                user.logout();
            }
            return member(representation, staffRoles(user.roles().realmLevel().listAll()));
        });
    }

    private boolean sendInvitation(String id) {
        try {
            user(id).executeActionsEmail(properties.portalClientId(), properties.portalUrl(), INVITATION_LIFESPAN_SECONDS,
                    List.of("UPDATE_PASSWORD", "CONFIGURE_TOTP"));
            return true;
        } catch (WebApplicationException e) {
            // Keycloak could not reach its SMTP server; the account stays and the mail can be sent again
            log.warn("Keycloak did not send the invitation mail for staff account {}: HTTP {}", id,
                    e.getResponse().getStatus());
            return false;
        }
    }

    /**
     * Keycloak's user profile refused a value ({@code {"field":"email","errorMessage":"error-invalid-email"}}, or such
     * objects under {@code errors}). The controller's checks are meant to be stricter than Keycloak's, so this is a
     * rule they missed; it is still the value's fault, named, and not a 500. Nothing was created.
     */
    private static InvalidInput refusedByKeycloak(Response response) {
        String field = "username";
        try {
            Matcher named = REFUSED_FIELD.matcher(response.readEntity(String.class));
            if (named.find() && INVITATION_FIELDS.contains(named.group(1))) {
                field = named.group(1);
            }
        } catch (RuntimeException unreadable) {
            // no body to read: the refusal still stands, named by the first field of an invitation
        }
        return new InvalidInput(field, "Keycloak does not accept this value");
    }

    private List<RoleRepresentation> representations(Collection<String> roles) {
        return roles.stream().map(role -> realm().roles().get(role).toRepresentation()).toList();
    }

    private UserResource user(String id) {
        UserResource user = realm().users().get(id);
        UserRepresentation representation;
        try {
            representation = user.toRepresentation();
        } catch (NotFoundException e) {
            throw notFound();
        }
        if (isServiceAccount(representation)) {
            throw notFound();
        }
        return user;
    }

    /**
     * Service accounts are machines, not staff: they are not listed and cannot be changed from the portal. Role
     * member lists leave out the client link, but Keycloak reserves the username prefix for them.
     */
    private static boolean isServiceAccount(UserRepresentation user) {
        return user.getServiceAccountClientId() != null || user.getUsername().startsWith("service-account-");
    }

    private RealmResource realm() {
        return keycloak.realm(properties.realm());
    }

    private static ResponseStatusException notFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "No staff account has this id");
    }

    private static Set<String> staffRoles(List<RoleRepresentation> roles) {
        Set<String> names = new TreeSet<>();
        roles.stream().map(RoleRepresentation::getName).filter(STAFF_ROLES::contains).forEach(names::add);
        return names;
    }

    private static StaffMember member(UserRepresentation user, Set<String> roles) {
        return new StaffMember(user.getId(), user.getUsername(), user.getEmail(), user.getFirstName(),
                user.getLastName(), Boolean.TRUE.equals(user.isEnabled()), Set.copyOf(roles));
    }

    private static <T> Mono<T> blocking(Callable<T> call) {
        return Mono.fromCallable(call)
                .onErrorMap(ClientErrorException.class, e -> new ResponseStatusException(
                        HttpStatus.valueOf(e.getResponse().getStatus()), "Keycloak refused the change"))
                .onErrorMap(e -> e instanceof ServerErrorException || e instanceof ProcessingException,
                        e -> new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
                                "Keycloak is not answering; staff accounts cannot be changed just now"))
                .subscribeOn(Schedulers.boundedElastic());
    }
}
