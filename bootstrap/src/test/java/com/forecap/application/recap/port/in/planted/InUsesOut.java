package com.forecap.application.recap.port.in.planted;

/** Planted: a use case that hands out what it drives. */
public interface InUsesOut {
    com.forecap.application.recap.port.out.LoadUserRecapPort store();
}
