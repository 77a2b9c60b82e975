package org.chorus.notifications.staff;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.chorus.web.InvalidInput;
import org.chorus.web.StaffRoles;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Staff accounts for admins: list, invite, change roles, disable and enable. An admin cannot take away their own
 * admin role or disable themselves, so the realm cannot be left without anyone able to manage it by one slip.
 */
@RestController
@RequestMapping("/api/admin/staff")
class StaffController {

    // Keycloak's own rule is 3 to 255 characters; staff usernames are short handles. Keycloak reserves
    // service-account- for the users behind clients (SERVICE_ACCOUNT below)
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{2,63}");
    private static final String SERVICE_ACCOUNT = "service-account-";
    // a dot-atom address with an ASCII domain: a strict subset of what Keycloak's own check takes (it refuses two dots
    // in a row, a dot at either end, commas, brackets...), so Keycloak never refuses what passed here
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
            + "(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}");
    private static final int MAX_LOCAL_PART = 64;
    private static final int MAX_EMAIL = 254;
    // letters of any script; none of the characters Keycloak's person-name check refuses (<>&"$%!#?;*~/\|^=[]{}())
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{M}' .-]{1,100}");
    private static final String ID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    private final StaffDirectory directory;

    StaffController(StaffDirectory directory) {
        this.directory = directory;
    }

    @GetMapping
    Flux<StaffMember> list() {
        return directory.list();
    }

    @GetMapping("/{id}")
    Mono<StaffMember> one(@PathVariable String id) {
        return directory.find(checkedId(id));
    }

    // bodies are optional to Spring so that a missing one, or JSON null, is answered naming the first field it lacks
    @PostMapping
    Mono<ResponseEntity<Invited>> invite(@RequestBody(required = false) Invitation invitation) {
        if (invitation == null || invitation.username() == null || !USERNAME.matcher(invitation.username()).matches()) {
            throw new InvalidInput("username", "3 to 64 characters: lower-case letters, digits, '.', '_' or '-'");
        }
        if (invitation.username().startsWith(SERVICE_ACCOUNT)) {
            throw new InvalidInput("username", "must not start with " + SERVICE_ACCOUNT + " (Keycloak keeps those for clients)");
        }
        if (invitation.email() == null || invitation.email().length() > MAX_EMAIL
                || invitation.email().indexOf('@') > MAX_LOCAL_PART || !EMAIL.matcher(invitation.email()).matches()) {
            throw new InvalidInput("email", "must be one email address (ASCII) Keycloak can send the invitation to");
        }
        name("firstName", invitation.firstName());
        name("lastName", invitation.lastName());
        List<String> roles = roles(invitation.roles());
        if (roles.isEmpty()) {
            throw new InvalidInput("roles", "a staff member needs at least one role");
        }
        Invitation checked = new Invitation(invitation.username(), invitation.email(),
                invitation.firstName(), invitation.lastName(), roles);
        return directory.invite(checked).map(invited -> ResponseEntity.status(HttpStatus.CREATED).body(invited));
    }

    @PostMapping("/{id}/invitation")
    Mono<ResponseEntity<Void>> resendInvitation(@PathVariable String id) {
        return directory.resendInvitation(checkedId(id)).map(sent -> {
            if (!sent) {
                throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
                        "Keycloak could not send the invitation mail; try again later");
            }
            return ResponseEntity.accepted().build();
        });
    }

    @PutMapping("/{id}/roles")
    Mono<StaffMember> changeRoles(@PathVariable String id, @RequestBody(required = false) RoleChange change,
            @AuthenticationPrincipal Jwt caller) {
        checkedId(id);
        List<String> roles = roles(change == null ? null : change.roles());
        if (id.equals(caller.getSubject()) && !roles.contains(StaffRoles.ADMIN)) {
            throw new ResponseStatusException(HttpStatus.CONFLICT,
                    "You cannot remove your own admin role; ask another admin");
        }
        return directory.changeRoles(id, roles);
    }

    @PostMapping("/{id}/disable")
    Mono<StaffMember> disable(@PathVariable String id, @AuthenticationPrincipal Jwt caller) {
        if (checkedId(id).equals(caller.getSubject())) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "You cannot disable your own account");
        }
        return directory.setEnabled(id, false);
    }

    @PostMapping("/{id}/enable")
    Mono<StaffMember> enable(@PathVariable String id) {
        return directory.setEnabled(checkedId(id), true);
    }

    private static String checkedId(String id) {
        if (!id.matches(ID)) {
            // not an id Keycloak could have made: the client's mistake, named, and Keycloak is never asked
            throw new InvalidInput("id", "must be a staff account id (a UUID in lower case)");
        }
        return id;
    }

    private static void name(String field, String value) {
        if (value != null && !NAME.matcher(value).matches()) {
            throw new InvalidInput(field, "up to 100 letters, spaces, apostrophes, dots or hyphens");
        }
    }

    private static List<String> roles(List<String> roles) {
        if (roles == null) {
            throw new InvalidInput("roles", "the list of staff roles is required (it may be empty to remove all)");
        }
        Set<String> distinct = new LinkedHashSet<>();
        for (int i = 0; i < roles.size(); i++) {
            // List.of(...).contains(null) throws, so a null in the list must be caught before the lookup
            if (roles.get(i) == null || !StaffDirectory.STAFF_ROLES.contains(roles.get(i))) {
                throw new InvalidInput("roles[" + i + "]", "must be one of " + StaffDirectory.STAFF_ROLES);
            }
            distinct.add(roles.get(i));
        }
        return List.copyOf(distinct);
    }
}
