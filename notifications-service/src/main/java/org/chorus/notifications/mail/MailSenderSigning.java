package org.chorus.notifications.mail;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Puts a {@link SignedMailSender} in the place of every {@link JavaMailSender} bean: Boot's, or one a test configures
 * in its place. This is the one place where signing is applied; features inject {@code JavaMailSender} as before.
 */
@Configuration(proxyBeanMethods = false)
class MailSenderSigning {

    /** Static, and its collaborators looked up on first use, so this post-processor pulls no bean in early. */
    @Bean
    static BeanPostProcessor signEveryMailSender(ObjectProvider<DkimSigning> signing,
                                                 ObjectProvider<MailProperties> properties) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (!(bean instanceof JavaMailSender) || bean instanceof SignedMailSender) {
                    return bean;
                }
                if (bean instanceof JavaMailSenderImpl configured) {
                    return new SignedMailSender(configured, signing.getObject(), properties.getObject());
                }
                // a sender this cannot sign for would send every mail unsigned without a word
                throw new IllegalStateException("mail sender '" + beanName + "' is a " + bean.getClass().getName()
                        + "; only a JavaMailSenderImpl can be signed (mail/SignedMailSender)");
            }
        };
    }
}
