package org.chorus.notifications.campaign;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.chorus.notifications.privacy.MaskedEmail;
import org.chorus.web.InvalidInput;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The staff API for campaigns ({@code campaign-manager}, or {@code admin}, which holds every staff role). */
@RestController
@RequestMapping("/api/admin/campaigns")
class CampaignController {

    // a dot-atom address with an ASCII domain: what the mail server takes without SMTPUTF8, nothing that parses as
    // a display name, a group or a second recipient
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]{1,64}"
            + "(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}");
    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final int MAX_MISSED_PAGE = 1000;

    private final Campaigns campaigns;
    private final DeliveryReport report;
    private final TestSend testSend;
    private final Clock clock;

    CampaignController(Campaigns campaigns, DeliveryReport report, TestSend testSend) {
        this.campaigns = campaigns;
        this.report = report;
        this.testSend = testSend;
        this.clock = Clock.systemUTC();
    }

    @PostMapping
    Mono<ResponseEntity<Campaigns.Campaign>> create(@RequestBody(required = false) CampaignContent content) {
        return campaigns.create(required(content))
                .map(created -> ResponseEntity.created(URI.create("/api/admin/campaigns/" + created.id())).body(created));
    }

    @GetMapping
    Flux<Campaigns.Campaign> list() {
        return campaigns.list();
    }

    @GetMapping("/{id}")
    Mono<Campaigns.Campaign> find(@PathVariable String id) {
        return campaigns.find(campaignId(id));
    }

    @PutMapping("/{id}")
    Mono<Campaigns.Campaign> update(@PathVariable String id, @RequestBody(required = false) CampaignContent content) {
        return campaigns.update(campaignId(id), required(content));
    }

    record Preview(String subject, String html, String text) {
    }

    /** Renders what was sent without storing it: what the editor shows while staff write. */
    @PostMapping("/preview")
    Map<String, Preview> preview(@RequestBody(required = false) CampaignContent content) {
        return previews(required(content));
    }

    @GetMapping("/{id}/preview")
    Mono<Map<String, Preview>> preview(@PathVariable String id) {
        return campaigns.find(campaignId(id)).map(campaign -> previews(campaign.content()));
    }

    private Map<String, Preview> previews(CampaignContent content) {
        Map<String, Preview> previews = new java.util.LinkedHashMap<>();
        content.validate().forEach((language, rendered) -> {
            CampaignTemplate.Rendered shown = rendered.personalise(TestSend.PREVIEW_PREFERENCES, TestSend.PREVIEW_UNSUBSCRIBE);
            previews.put(language, new Preview(shown.subject(), shown.html(), shown.text()));
        });
        return previews;
    }

    /** @param language one variant to send, or null for one mail per variant */
    record TestSendRequest(String email, String language) {
    }

    record TestSent(String sentTo, List<String> languages) {
    }

    @PostMapping("/{id}/test-send")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<TestSent> testSend(@PathVariable String id, @RequestBody(required = false) TestSendRequest request) {
        if (request == null || request.email() == null || request.email().length() > 254
                || !EMAIL.matcher(request.email().strip()).matches()) {
            // the pattern is ASCII only, so NUL, unpaired surrogates, markup and a second address all end here
            throw new InvalidInput("email", "must be one email address");
        }
        if (request.language() != null && !CampaignContent.LANGUAGES.contains(request.language())) {
            throw new InvalidInput("language", "must be one of " + CampaignContent.LANGUAGES);
        }
        String to = request.email().strip();
        return campaigns.find(campaignId(id))
                .flatMap(campaign -> testSend.send(campaign.content(), to, request.language()))
                .map(languages -> new TestSent(MaskedEmail.of(to), languages));
    }

    @PostMapping("/{id}/schedule")
    Mono<Campaigns.Campaign> schedule(@PathVariable String id, @RequestBody(required = false) Campaigns.Schedule schedule) {
        return campaigns.schedule(campaignId(id), schedule, clock.instant());
    }

    @PostMapping("/{id}/send-now")
    Mono<Campaigns.Campaign> sendNow(@PathVariable String id) {
        return campaigns.sendNow(campaignId(id));
    }

    @PostMapping("/{id}/pause")
    Mono<Campaigns.Campaign> pause(@PathVariable String id) {
        return campaigns.pause(campaignId(id));
    }

    @PostMapping("/{id}/resume")
    Mono<Campaigns.Campaign> resume(@PathVariable String id) {
        return campaigns.resume(campaignId(id));
    }

    @PostMapping("/{id}/cancel")
    Mono<Campaigns.Campaign> cancel(@PathVariable String id) {
        return campaigns.cancel(campaignId(id));
    }

    @GetMapping("/{id}/progress")
    Mono<DeliveryReport.Progress> progress(@PathVariable String id) {
        return report.progress(campaignId(id));
    }

    /** Failed and bounced recipients: subscriber id and masked address only. */
    @GetMapping("/{id}/missed")
    Flux<DeliveryReport.Missed> missed(@PathVariable String id, @RequestParam(required = false) UUID after,
                                       @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > MAX_MISSED_PAGE) {
            throw new InvalidInput("limit", "must be between 1 and " + MAX_MISSED_PAGE);
        }
        return report.missed(campaignId(id), after, limit);
    }

    /**
     * A campaign id from the path, taken as text so a malformed one is a 400 naming {@code id} rather than a problem
     * naming nothing; only the canonical form, as the database writes it (UUID.fromString would take "1-1-1-1-1").
     */
    private static UUID campaignId(String id) {
        if (!ID.matcher(id).matches()) {
            throw new InvalidInput("id", "must be a campaign id (a UUID in lower case)");
        }
        return UUID.fromString(id);
    }

    // every body is optional to Spring so that a missing one, or JSON null, reaches these checks and is answered
    // naming the field it lacks, rather than as a problem that names nothing
    private static CampaignContent required(CampaignContent content) {
        if (content == null) {
            throw new InvalidInput("topic", "the request body must be a campaign");
        }
        return content;
    }
}
