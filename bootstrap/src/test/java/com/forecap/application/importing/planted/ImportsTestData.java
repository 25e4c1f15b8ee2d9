package com.forecap.application.importing.planted;

/** Planted: the import capability reaching into the test-data capability. */
public class ImportsTestData {
    com.forecap.application.testdata.port.in.GenerateTestDataUseCase generator;
}
