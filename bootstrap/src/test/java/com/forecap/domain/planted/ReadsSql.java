package com.forecap.domain.planted;

/** Planted: a domain class holding a JDBC connection and a naming context (the architecture rules must fail on it). */
public class ReadsSql {
    java.sql.Connection connection;
    javax.naming.Context context;
}
