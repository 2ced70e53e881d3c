package dev.geodns.testbed.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.geodns.config.WorldCompiler;
import dev.geodns.config.WorldException;
import dev.geodns.config.WorldLoader;
import dev.geodns.config.compiled.CompiledWorld;
import dev.geodns.config.model.Service;
import dev.geodns.config.model.World;
import org.junit.jupiter.api.Test;

/** The one place the testbed asks the compiled world about names and cloud fences (built-in world). */
class ServiceLookupTest {
    private final World world = WorldLoader.builtIn();
    private final ServiceLookup lookup = new ServiceLookup(compile(world));

    private static CompiledWorld compile(World world) {
        try {
            return WorldCompiler.compile(world);
        } catch (WorldException e) {
            throw new AssertionError(e);
        }
    }

    private Service service(String id) {
        return world.service(id).orElseThrow();
    }

    @Test
    void aNameBelongsToTheServiceWhosePatternItMatchesWithTheTenantOfItsLabel() {
        assertThat(lookup.ownerOf("outlook.office.com.")).isEqualTo(new ServiceLookup.Owner(service("exchange"), null));
        assertThat(lookup.ownerOf("fabrikam-my.sharepoint.com."))
                .isEqualTo(new ServiceLookup.Owner(service("sharepoint"), "fabrikam"));
        assertThat(lookup.ownerOf("wingtip.sharepoint.cn."))
                .isEqualTo(new ServiceLookup.Owner(service("sharepoint-china"), "wingtip"));
        assertThat(lookup.ownerOf("nobody.sharepoint.com.")).as("the label must be a tenant of the world").isNull();
        assertThat(lookup.ownerOf("wingtip.sharepoint.com.")).as("a tenant of another cloud has no such name").isNull();
        assertThat(lookup.ownerOf("a.contoso.sharepoint.com.")).as("{tenant} is one label").isNull();
        assertThat(lookup.ownerOf("www.example.com.")).isNull();
    }

    @Test
    void cloudFencesDecideWhichTenantAServiceReaches() {
        assertThat(lookup.sameCloud("contoso", service("sharepoint"))).isEqualTo("contoso");
        assertThat(lookup.sameCloud("wingtip", service("sharepoint"))).isNull();
        assertThat(lookup.sameCloud("nobody", service("sharepoint"))).isNull();
        assertThat(lookup.sameCloud(null, service("sharepoint"))).isNull();
        assertThat(lookup.fenceProblem("contoso", service("exchange"))).isNull();
        assertThat(lookup.fenceProblem("tailspin", service("exchange")))
                .isEqualTo("tenant tailspin is in cloud usgov, service exchange in cloud worldwide");
    }

    @Test
    void aServiceNamesItsFirstTenantNameOrItsFirstLiteralName() {
        assertThat(lookup.tenantName(service("sharepoint"), "contoso")).isEqualTo("contoso.sharepoint.com.");
        assertThat(lookup.literalName(service("exchange"))).isEqualTo("outlook.office365.com.");
        assertThat(lookup.literalName(service("sharepoint"))).isNull();
    }
}
