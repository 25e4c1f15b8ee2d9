package com.forecap.adapter.out.beta.planted;

/** Planted: a class of another adapter. */
public class Beta {
}
