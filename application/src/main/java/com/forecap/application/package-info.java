/**
 * The use cases, one package per capability, each with the same three rooms: {@code port.in} (what a
 * driving adapter may call), {@code port.out} (what the capability needs from the outside) and
 * {@code service} (the implementations, chosen by the composition root):
 *
 * <ul>
 *   <li>{@code recap}: serving one user's recap, the request path;</li>
 *   <li>{@code importing}: loading recaps from CSV, JSON Lines and XLSX files;</li>
 *   <li>{@code testdata}: generating and verifying the synthetic data set;</li>
 *   <li>{@code cache}: filling the cache ahead of traffic and training its compression dictionary.</li>
 * </ul>
 *
 * <p>{@code shared} holds what several capabilities use (the recap codec, progress, the count of stored
 * users, store failures, id ranges); {@code observability} holds the health and metrics contracts between adapters.
 */
package com.forecap.application;
