package com.forecap.adapter.out.mysql;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MalformedListLogTest {

    private final Logger logger = Logger.getLogger(MalformedListLog.class.getName());
    private final List<String> lines = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            lines.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        logger.addHandler(capture);
        logger.setUseParentHandlers(false);
    }

    @AfterEach
    void stopListening() {
        logger.removeHandler(capture);
        logger.setUseParentHandlers(true);
    }

    @Test
    void each_user_and_column_is_reported_once_however_often_it_is_read() {
        MalformedListLog log = new MalformedListLog();
        for (int request = 0; request < 5; request++) {
            log.forUser(7).leftOut("list_favorite_store", "a JSON object, not an array");
            log.forUser(7).leftOut("list_circular_images", "not valid JSON");
            log.forUser(8).leftOut("list_favorite_store", "a JSON object, not an array");
        }
        assertThat(lines).containsExactly(
                "user 7: column list_favorite_store left out of the recap, it is a JSON object, not an array",
                "user 7: column list_circular_images left out of the recap, it is not valid JSON",
                "user 8: column list_favorite_store left out of the recap, it is a JSON object, not an array");
    }

    @Test
    void past_its_bound_it_says_so_once_and_stays_quiet() {
        MalformedListLog log = new MalformedListLog();
        for (long user = 1; user <= MalformedListLog.MAX_USERS + 50; user++) {
            log.forUser(user).leftOut("list_product_favorite", "empty");
        }
        assertThat(lines).hasSize(MalformedListLog.MAX_USERS + 1);
        assertThat(lines.get(lines.size() - 1)).contains("further ones are left out silently");
    }
}
