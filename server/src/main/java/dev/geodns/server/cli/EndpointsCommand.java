package dev.geodns.server.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.geodns.config.ConfigError;
import dev.geodns.config.WorldCompiler;
import dev.geodns.config.WorldException;
import dev.geodns.config.compiled.CompiledWorld;
import dev.geodns.config.model.EndpointCategory;
import dev.geodns.server.endpoints.EndpointList;
import dev.geodns.server.endpoints.PacFile;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code endpoints}: the world's endpoint list (web service JSON) or a PAC file built from it. */
@Command(name = "endpoints", mixinStandardHelpOptions = true,
        description = "Print the world's endpoint list in the JSON shape of Microsoft's endpoint web service,"
                + " or (--pac) a PAC file sending the direct categories DIRECT and the rest to a proxy.")
final class EndpointsCommand implements Callable<Integer> {
    @Mixin
    WorldOptions worldOptions = new WorldOptions();

    @Option(names = "--pac", description = "print a PAC file instead of the JSON list")
    boolean pac;

    @Option(names = "--proxy", paramLabel = "HOST:PORT", description = "the PAC file's proxy (default "
            + PacFile.DEFAULT_PROXY + ")")
    String proxy = PacFile.DEFAULT_PROXY;

    @Option(names = "--direct", paramLabel = "CATEGORY", split = ",",
            description = "categories the PAC file sends DIRECT (default Optimize; e.g. Optimize,Allow)")
    List<String> direct = new ArrayList<>(List.of("Optimize"));

    @Option(names = "--cloud", paramLabel = "ID", description = "only the services of this cloud")
    String cloud;

    @Override
    public Integer call() throws Exception {
        CompiledWorld world;
        try {
            world = WorldCompiler.compile(worldOptions.loadWorld());
        } catch (WorldException e) {
            e.errors().stream().map(ConfigError::toString).forEach(System.err::println);
            return 1;
        }
        if (cloud != null && world.world().cloud(cloud).isEmpty()) {
            System.err.println("error: --cloud: unknown cloud '" + cloud + "'");
            return 2;
        }
        EndpointList list = EndpointList.of(world).ofCloud(world, cloud);
        if (!pac) {
            System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(list.toJson()));
            return 0;
        }
        if (!PacFile.validProxy(proxy)) {
            System.err.println("error: --proxy '" + proxy + "' is not HOST:PORT");
            return 2;
        }
        Set<EndpointCategory> categories = new HashSet<>();
        for (String d : direct) {
            EndpointCategory c = EndpointCategory.of(d.trim());
            if (c == null) {
                System.err.println("error: --direct '" + d + "' is not Optimize, Allow or Default");
                return 2;
            }
            categories.add(c);
        }
        System.out.print(PacFile.of(list, world.world().name(), proxy, categories));
        return 0;
    }
}
