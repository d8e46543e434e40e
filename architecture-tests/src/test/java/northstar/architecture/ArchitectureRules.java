package northstar.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Set;

/**
 * The architecture of Northstar Stores as ArchUnit rules, each a function of the root package so
 * that the same rule runs over the product ({@code northstar}) and over a deliberately broken
 * fixture tree ({@code fixtures.broken}) that it must reject: no rule can pass vacuously.
 */
final class ArchitectureRules {
    /** Packages every backend package of an adapters module may share. */
    static final Set<String> NEUTRAL_ADAPTER_PACKAGES = Set.of("document", "body");

    private ArchitectureRules() {
    }

    static ArchRule domainDependsOnNothingButJavaBase(String root) {
        return classes().that().resideInAPackage(root + ".domain..")
                .should().onlyDependOnClassesThat(inJavaBase().or(resideIn(root + ".domain..")))
                .as("the domain depends on java.base only");
    }

    static ArchRule applicationDependsOnTheDomainOnly(String root) {
        return classes().that().resideInAPackage(root + ".application..")
                .should().onlyDependOnClassesThat(inJavaBase().or(resideIn(root + ".domain..", root + ".application..")))
                .as("the application depends on the domain and java.base only (no Javalin, Jackson, JDBC or cloud SDK)");
    }

    static ArchRule adaptersDependOnTheDomainNotOnTheApplication(String root) {
        return noClasses().that().resideInAnyPackage(root + ".adapters.persistence..", root + ".adapters.blob..")
                .should().dependOnClassesThat().resideInAnyPackage(root + ".application..", root + ".adapters.http..",
                        root + ".bootstrap..")
                .as("persistence and blob adapters depend on the domain, never on the application, HTTP or bootstrap");
    }

    static ArchRule httpDependsOnTheApplicationNotOnAdapters(String root) {
        return noClasses().that().resideInAPackage(root + ".adapters.http..")
                .should().dependOnClassesThat().resideInAnyPackage(root + ".adapters.persistence..",
                        root + ".adapters.blob..", root + ".bootstrap..")
                .as("the HTTP adapter depends on the application, never on storage adapters or bootstrap");
    }

    /**
     * Bootstrap wires; it does not implement HTTP behaviour. A class of bootstrap that implements an
     * interface of the HTTP adapter (its credentials lookup, say) uses no storage adapter: what a
     * handler needs of a backend is a use case of the application behind a domain port (accepting a
     * presigned upload is {@code ObjectStorageService.acceptPresigned}), so the HTTP layer never
     * reaches a backend through bootstrap.
     */
    static ArchRule bootstrapNeverBridgesHttpToStorage(String root) {
        return noClasses().that().resideInAPackage(root + ".bootstrap..")
                .and(implementAnInterfaceIn(root + ".adapters.http.."))
                .should().dependOnClassesThat().resideInAnyPackage(root + ".adapters.persistence..",
                        root + ".adapters.blob..")
                .as("no bootstrap implementation of an HTTP interface reaches a storage adapter");
    }

    private static com.tngtech.archunit.base.DescribedPredicate<com.tngtech.archunit.core.domain.JavaClass>
            implementAnInterfaceIn(String packages) {
        return com.tngtech.archunit.base.DescribedPredicate.describe("implement an interface in " + packages,
                c -> c.getAllRawInterfaces().stream().anyMatch(i -> i.getPackage().getName().startsWith(
                        packages.substring(0, packages.length() - 2))));
    }

    static ArchRule onlyBootstrapWires(String root) {
        return noClasses().that().resideOutsideOfPackage(root + ".bootstrap..")
                .should().dependOnClassesThat().resideInAPackage(root + ".bootstrap..")
                .as("nothing depends on bootstrap: it alone wires");
    }

    /**
     * Adapters never depend on each other: not persistence on blob (or the reverse), nor one backend
     * package on a sibling backend (sqlite on dynamodb); shared helpers live in a neutral package.
     */
    static ArchRule backendsNeverDependOnSiblingBackends(String root) {
        String adapters = root + ".adapters.";
        return classes().that().resideInAnyPackage(adapters + "persistence..", adapters + "blob..")
                .should(new ArchCondition<>("depend on no other adapters module and no sibling backend package") {
                    @Override
                    public void check(JavaClass item, ConditionEvents events) {
                        String[] own = backendOf(adapters, item.getPackageName());
                        item.getDirectDependenciesFromSelf().forEach(d -> {
                            String target = d.getTargetClass().getBaseComponentType().getPackageName();
                            if (!target.startsWith(adapters)) {
                                return;
                            }
                            String[] other = backendOf(adapters, target);
                            boolean sameModule = own[0].equals(other[0]);
                            boolean allowed = sameModule && (own[1].equals(other[1])
                                    || NEUTRAL_ADAPTER_PACKAGES.contains(other[1]) || other[1].isEmpty());
                            if (!allowed) {
                                events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                            }
                        });
                    }
                });
    }

    /** [module, backend] of a package root.adapters.module.backend...; backend "" for the module root. */
    private static String[] backendOf(String adapters, String pkg) {
        String[] parts = pkg.substring(adapters.length()).split("\\.");
        return new String[] {parts[0], parts.length > 1 ? parts[1] : ""};
    }

    static ArchRule noEnvironmentVariables(String root) {
        return noClasses().that().resideInAPackage(root + "..")
                .should().callMethod(System.class, "getenv")
                .orShould().callMethod(System.class, "getenv", String.class)
                .orShould().callMethod(ProcessBuilder.class, "environment")
                .as("no code reads environment variables: the routes and the configuration file are the only settings");
    }

    static ArchRule noJvmWideSettings(String root) {
        return noClasses().that().resideInAPackage(root + "..")
                .should().callMethod(System.class, "setProperty", String.class, String.class)
                .orShould().callMethod(System.class, "setProperties", java.util.Properties.class)
                .orShould().callMethod(System.class, "clearProperty", String.class)
                .as("no code changes the JVM's system properties: the library shares the JVM of the monolith that embeds it");
    }

    static ArchRule awsProviderChainsOnlyInBootstrap(String root) {
        return noClasses().that().resideInAPackage(root + "..").and().resideOutsideOfPackage(root + ".bootstrap..")
                .should().dependOnClassesThat().haveFullyQualifiedName(
                        "software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider")
                .as("the AWS default provider chain (the host's identity) is built by bootstrap only, as Azure's and Google's are");
    }

    static ArchRule noAwsDefaultsFromTheEnvironment(String root) {
        return noClasses().that().resideInAPackage(root + "..")
                .should().dependOnClassesThat().resideInAPackage("software.amazon.awssdk.regions.providers..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName(
                        "software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider")
                .as("no AWS region or credentials are taken from the environment (default region chain, env provider)");
    }

    static ArchRule noGoogleDefaultsFromTheEnvironment(String root) {
        return noClasses().that().resideInAPackage(root + "..")
                .should().callMethodWhere(googleDefault())
                .as("no Google client is built from defaults (*Options.getDefaultInstance(), default project id)");
    }

    static ArchRule noAzureGlobalConfiguration(String root) {
        return noClasses().that().resideInAPackage(root + "..")
                .should().callMethod("com.azure.core.util.Configuration", "getGlobalConfiguration")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("com.azure.identity.DefaultAzureCredentialBuilder")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("com.azure.identity.EnvironmentCredentialBuilder")
                .as("no Azure client reads the global (environment) configuration or an environment credential");
    }

    private static DescribedPredicate<JavaMethodCall> googleDefault() {
        return DescribedPredicate.describe("a Google default from the environment", call -> {
            String owner = call.getTargetOwner().getName();
            String name = call.getName();
            return owner.startsWith("com.google.")
                    && (name.equals("getDefaultInstance") && owner.endsWith("Options")
                    || name.equals("getDefaultProjectId") || name.equals("getDefaultProject"));
        });
    }

    private static DescribedPredicate<JavaClass> resideIn(String... packages) {
        return JavaClass.Predicates.resideInAnyPackage(packages);
    }

    /** Classes of the java.base module (and primitives and arrays of them). */
    static DescribedPredicate<JavaClass> inJavaBase() {
        Module base = Object.class.getModule();
        return DescribedPredicate.describe("in java.base", c -> {
            JavaClass type = c.getBaseComponentType();
            return type.isPrimitive() || base.getPackages().contains(type.getPackageName());
        });
    }
}
