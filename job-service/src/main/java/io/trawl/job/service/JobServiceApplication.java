package io.trawl.job.service;

import io.trawl.job.history.JobHistory;
import io.trawl.job.schedule.RunLedger;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;

/** job-service: registrations from {@code trawl.jobs} in, one fire event per tick to {@code trawl.jobs.fired}. */
@SpringBootApplication(scanBasePackages = "io.trawl.job")
@EnableConfigurationProperties({JobSettings.class, JobKafkaSettings.class})
public class JobServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(JobServiceApplication.class, args);
    }

    /** Lock times from the database's clock, so that replicas with skewed clocks still agree on expiry. */
    @Bean
    LockProvider lockProvider(DataSource dataSource, JobSettings settings) {
        return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource))
                .withLockedByValue(settings.replicaName())
                .usingDbTime()
                .build());
    }

    @Bean
    RunLedger runLedger(DataSource dataSource) {
        return new RunLedger(dataSource);
    }

    @Bean
    JobHistory jobHistory(DataSource dataSource) {
        return new JobHistory(dataSource);
    }
}
