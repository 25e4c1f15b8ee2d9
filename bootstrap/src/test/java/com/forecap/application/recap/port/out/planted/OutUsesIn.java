package com.forecap.application.recap.port.out.planted;

/** Planted: an out port that speaks of a use case. */
public interface OutUsesIn {
    com.forecap.application.recap.port.in.GetUserRecapUseCase useCase();
}
