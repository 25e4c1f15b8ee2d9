package com.forecap.bootstrap.planted.a;

/** Planted: one side of a package cycle. */
public class A {
    com.forecap.bootstrap.planted.b.B b;
}
