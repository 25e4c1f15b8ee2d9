package com.forecap.application.port.out.planted;

/** Planted: an out port that speaks of a use case. */
public interface OutUsesIn {
    com.forecap.application.port.in.GetUserRecapUseCase useCase();
}
