package com.forecap.application.planted;

/** Planted: an application interface outside the ports. */
public interface Seam {
}
