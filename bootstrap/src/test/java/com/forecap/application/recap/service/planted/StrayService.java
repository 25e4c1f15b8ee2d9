package com.forecap.application.recap.service.planted;

/** Planted: a service that implements no use case. */
public class StrayService {
}
