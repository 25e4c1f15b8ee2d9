package com.forecap.adapter.out.alpha.planted;

/** Planted: a driven adapter using another adapter and a use case. */
public class UsesBeta {
    com.forecap.adapter.out.beta.planted.Beta beta;
    com.forecap.application.recap.port.in.GetUserRecapUseCase useCase;
}
