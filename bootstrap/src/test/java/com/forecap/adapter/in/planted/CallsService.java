package com.forecap.adapter.in.planted;

/** Planted: a driving adapter that names a service. */
public class CallsService {
    com.forecap.application.recap.service.GetUserRecapService service;
}
