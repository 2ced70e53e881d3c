package dev.geodns.testbed.scenario;

/**
 * One name a client looks up.
 *
 * @param text as written in the scenario ({@code exchange}, {@code sharepoint:contoso}, a name)
 * @param name the DNS name asked, absolute ({@code outlook.office365.com.})
 * @param service the world service owning the name, or null for a name of no service
 * @param tenant the tenant whose data the service reaches (named or the client's), or null
 */
public record Lookup(String text, String name, String service, String tenant) {
}
