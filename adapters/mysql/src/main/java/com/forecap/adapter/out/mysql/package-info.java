/**
 * Out-adapter for MySQL and MariaDB: the recap store (Helidon DbClient over a HikariCP pool of
 * Connector/J connections), the versioned schema, and the bulk loader and checks of the test data.
 */
package com.forecap.adapter.out.mysql;
