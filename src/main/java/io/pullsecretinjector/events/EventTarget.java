package io.pullsecretinjector.events;

/** The object an Event is about ({@code involvedObject}); the Event is written in its namespace. */
public record EventTarget(String apiVersion, String kind, String namespace, String name, String uid) {

    static EventTarget secret(String namespace, String name, String uid) {
        return new EventTarget("v1", "Secret", namespace, name, uid);
    }
}
