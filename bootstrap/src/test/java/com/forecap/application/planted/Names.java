package com.forecap.application.planted;

/** Planted: an application class that reaches JNDI. */
public class Names {
    javax.naming.Context context;
}
