package dev.geodns.testbed.scenario;

import dev.geodns.config.model.Cidr;
import dev.geodns.config.yaml.Fields;
import dev.geodns.testbed.resolvers.ResolverKind;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Binds a resolver's {@code ecs} key and checks it against the software that plays the resolver. */
final class EcsBinder {
    private static final Pattern PREFIX = Pattern.compile("(client|tunnel)-(\\d{1,3})");

    private EcsBinder() {
    }

    /** The ECS of resolver {@code r} ({@link Ecs#NONE} when absent); null after reporting. */
    static Ecs bind(Fields r, ResolverSpec.Kind kind) {
        if (!r.has("ecs")) {
            return Ecs.NONE;
        }
        String text = r.optString("ecs", null);
        if (text == null) {
            return null;
        }
        if (text.equals("none")) {
            return Ecs.NONE;
        }
        Matcher m = PREFIX.matcher(text);
        if (m.matches()) {
            int prefix = Integer.parseInt(m.group(2));
            if (prefix < 1 || prefix > 32) {
                r.error("ecs", "the prefix length must be 1..32");
                return null;
            }
            if (m.group(1).equals("tunnel") && kind != ResolverSpec.Kind.VPN) {
                r.error("ecs", text + " is only for kind: vpn (only a VPN resolver sees a tunnel address)");
                return null;
            }
            return new Ecs(m.group(1).equals("client") ? Ecs.Mode.CLIENT : Ecs.Mode.TUNNEL, prefix, null);
        }
        if (text.contains("/")) {
            try {
                Cidr c = Cidr.parse(text);
                return new Ecs(Ecs.Mode.FIXED, c.prefixLength(), c);
            } catch (IllegalArgumentException e) {
                r.error("ecs", e.getMessage());
                return null;
            }
        }
        r.error("ecs", "must be none, client-N, tunnel-N (N = prefix length, e.g. client-24) or a CIDR, not '"
                + text + "'");
        return null;
    }

    /**
     * Reports an ECS a real resolver cannot send. A real resolver sends only what its own ECS setting
     * makes of the address a query comes from: none, or the source address cut to N bits.
     * {@code client-N} and {@code tunnel-N} are that (the stub asks from the client's own address, or
     * from its address inside the tunnel); a fixed subnet is not, and knot-resolver 5.x sends no ECS
     * at all. The resolver stays bound even when reported, so that references to it raise no further
     * errors.
     *
     * @param overridden true when the software was set for every resolver by the command line
     */
    static void checkReal(Fields r, ResolverKind software, Ecs ecs, boolean overridden) {
        String by = overridden ? " (software " + software.id() + " set for every resolver by the override)" : "";
        if (ecs.mode() == Ecs.Mode.FIXED) {
            r.error("ecs", "a real resolver (" + software.id() + ")" + by + " cannot send the fixed subnet "
                    + ecs.text() + ": it sends only what its ECS setting makes of the client's address; use none,"
                    + " client-N or tunnel-N, or software: emulated");
        } else if (ecs.mode() != Ecs.Mode.NONE && !software.supportsEcs()) {
            r.error("ecs", software.id() + by + " cannot send ECS (knot-resolver 5.x has no ECS module); use ecs:"
                    + " none, or another software");
        }
    }
}
