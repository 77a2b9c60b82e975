package org.chorus.stories;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class StoriesApplication {

    public static void main(String[] args) {
        SpringApplication.run(StoriesApplication.class, args);
    }
}
