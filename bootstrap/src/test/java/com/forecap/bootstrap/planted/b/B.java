package com.forecap.bootstrap.planted.b;

/** Planted: the other side of a package cycle. */
public class B {
    com.forecap.bootstrap.planted.a.A a;
}
