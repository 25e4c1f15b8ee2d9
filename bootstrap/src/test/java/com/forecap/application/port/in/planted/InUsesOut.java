package com.forecap.application.port.in.planted;

/** Planted: a use case that hands out what it drives. */
public interface InUsesOut {
    com.forecap.application.port.out.LoadUserRecapPort store();
}
