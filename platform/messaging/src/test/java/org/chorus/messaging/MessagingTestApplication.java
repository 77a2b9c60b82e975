package org.chorus.messaging;

import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
class MessagingTestApplication {
}
