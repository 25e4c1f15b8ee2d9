package com.forecap.application.service.planted;

/** Planted: a service that implements no use case. */
public class StrayService {
}
