package dev.geodns.testbed.lab;

import java.util.List;

/**
 * A VPN tunnel as a veth pair between a client and its office: the client's end holds the address
 * the VPN hands it ({@code clientAddress}, located at the office by the lab's world), and the site
 * networks in {@code throughOffice} are routed into it; the rest go direct.
 *
 * @param full true for a full tunnel (every site through the office)
 * @param throughOffice site networks (CIDR text) the client routes into the tunnel
 */
public record LabTunnel(String client, String office, String clientAddress, String officeAddress, String veth,
        String officeVeth, boolean full, List<String> throughOffice) {
    public LabTunnel {
        throughOffice = List.copyOf(throughOffice);
    }
}
