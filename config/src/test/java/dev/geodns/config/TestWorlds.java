package dev.geodns.config;

/** A small valid world that the error-table tests break one line at a time. */
final class TestWorlds {
    /** Line numbers matter: the error table asserts them. Keep lines in place when editing. */
    static final String BASE = """
            name: lab
            zones:
              - origin: example.com
              - origin: example.net
            clouds:
              - {id: world, default_site: fra, basis: found}
              - {id: gov, default_site: gov-dc}
            sites:
              - id: fra
                kind: front-door
                code: FRA
                city: Frankfurt
                country: DE
                continent: EU
                latitude: 50.03
                longitude: 8.57
                cloud: world
              - {id: sea, kind: front-door, code: SEA, city: Seattle, country: US, continent: NA, latitude: 47.45, longitude: -122.31, cloud: world}
              - {id: dc-east, kind: datacenter, city: Boydton, country: US, continent: NA, latitude: 36.67, longitude: -78.39, cloud: world}
              - {id: dc-west, kind: datacenter, city: Quincy, country: US, continent: NA, latitude: 47.23, longitude: -119.85, cloud: world}
              - {id: gov-dc, kind: datacenter, city: Phoenix, country: US, continent: NA, latitude: 33.45, longitude: -112.07, cloud: gov}
            services:
              - id: mail
                cloud: world
                routing: nearest
                site_kind: front-door
                ecs: true
                names: [mail.example.com, smtp.example.com]
                chain:
                  - {owner: smtp.example.com, target: mail.example.com, ttl: 300}
                  - {owner: mail.example.com, target: mail.geo.example.com, ttl: 60}
                  - {owner: mail.geo.example.com, target: "{site}-efz.geo.example.com", ttl: 30}
                regional: {name: "{site}-efz.geo.example.com", ttl: 10}
              - id: files
                cloud: world
                routing: active
                site_kind: datacenter
                names: ["{tenant}.files.example.net"]
                chain:
                  - {owner: "{tenant}.files.example.net", target: "{site}.farm.example.net", ttl: 30}
                regional: {name: "{site}.farm.example.net", ttl: 60}
            tenants:
              - {id: contoso, cloud: world, home: dc-east, failover: [dc-west], mailbox: dc-east}
            networks:
              - {cidr: 127.0.1.0/24, city: Frankfurt, country: DE, continent: EU, latitude: 50.11, longitude: 8.68}
              - {cidr: "2001:db8:1::/48", continent: EU, latitude: 50.11, longitude: 8.68}
            """;

    private TestWorlds() {
    }
}
