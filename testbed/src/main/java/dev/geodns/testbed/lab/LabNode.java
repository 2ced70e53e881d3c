package dev.geodns.testbed.lab;

import dev.geodns.config.model.Place;

/**
 * One namespace of the lab and its link to the router: the node's end of the veth pair holds
 * {@code address}, the router's end {@code gateway} (a /30 of their own).
 *
 * @param id the scenario's id (client or resolver id), or the role word for the lab's own nodes
 * @param place where the node stands (null for the router, emulator and sites, which nobody locates)
 */
public record LabNode(String id, LabRole role, String namespace, String address, String gateway, String veth,
        String routerVeth, Place place) {
}
