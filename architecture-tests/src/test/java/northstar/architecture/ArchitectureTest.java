package northstar.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every architecture rule holds for the product and fails on the broken fixture tree, naming the
 * fixture class that breaks it (and, where a rule allows something, not naming what it allows).
 */
class ArchitectureTest {
    static final JavaClasses PRODUCT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("northstar");
    static final JavaClasses BROKEN = new ClassFileImporter().importPackages("fixtures.broken");

    static Stream<Arguments> rules() {
        return Stream.of(
                rule(ArchitectureRules::domainDependsOnNothingButJavaBase, "DomainUsingJdbc"),
                rule(ArchitectureRules::applicationDependsOnTheDomainOnly, "ApplicationUsingJackson"),
                rule(ArchitectureRules::adaptersDependOnTheDomainNotOnTheApplication, "SqliteReachingAcross"),
                rule(ArchitectureRules::httpDependsOnTheApplicationNotOnAdapters, "HttpUsingStorage"),
                rule(ArchitectureRules::onlyBootstrapWires, "HttpUsingStorage"),
                rule(ArchitectureRules::bootstrapNeverBridgesHttpToStorage, "HttpBridge"),
                rule(ArchitectureRules::backendsNeverDependOnSiblingBackends, "DynamoThing"),
                rule(ArchitectureRules::backendsNeverDependOnSiblingBackends, "BlobUsingPersistence"),
                rule(ArchitectureRules::noEnvironmentVariables, "EnvReader"),
                rule(ArchitectureRules::noJvmWideSettings, "JvmWide"),
                rule(ArchitectureRules::awsProviderChainsOnlyInBootstrap, "AwsChainInAdapter"),
                rule(ArchitectureRules::noAwsDefaultsFromTheEnvironment, "DefaultAwsRegionProviderChain"),
                rule(ArchitectureRules::noAwsDefaultsFromTheEnvironment, "EnvironmentVariableCredentialsProvider"),
                rule(ArchitectureRules::noGoogleDefaultsFromTheEnvironment, "StorageOptions.getDefaultInstance()"),
                rule(ArchitectureRules::noGoogleDefaultsFromTheEnvironment, "ServiceOptions.getDefaultProjectId()"),
                rule(ArchitectureRules::noAzureGlobalConfiguration, "Configuration.getGlobalConfiguration()"),
                rule(ArchitectureRules::noAzureGlobalConfiguration, "DefaultAzureCredentialBuilder"),
                rule(ArchitectureRules::noAzureGlobalConfiguration, "EnvironmentCredentialBuilder"));
    }

    private static Arguments rule(Function<String, ArchRule> rule, String violator) {
        return Arguments.of(rule.apply("northstar").getDescription(), rule, violator);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void holdsForTheProduct(String description, Function<String, ArchRule> rule, String violator) {
        rule.apply("northstar").check(PRODUCT);
    }

    @ParameterizedTest(name = "{0} rejects {2}")
    @MethodSource("rules")
    void rejectsItsBrokenFixture(String description, Function<String, ArchRule> rule, String violator) {
        assertThatThrownBy(() -> rule.apply("fixtures.broken").check(BROKEN))
                .isInstanceOf(AssertionError.class).hasMessageContaining(violator);
    }

    @Test
    void theSiblingRuleAllowsTheNeutralSharedPackage() {
        assertThatThrownBy(() -> ArchitectureRules.backendsNeverDependOnSiblingBackends("fixtures.broken").check(BROKEN))
                .hasMessageNotContaining("SqliteReachingAcross.neutral");
    }

    @Test
    void theProductImportHoldsEveryModule() {
        assertThat(PRODUCT.containPackage("northstar.domain.analytics")).isTrue();
        assertThat(PRODUCT.containPackage("northstar.application.analytics")).isTrue();
        assertThat(PRODUCT.containPackage("northstar.adapters.persistence.sqlite")).isTrue();
        assertThat(PRODUCT.containPackage("northstar.adapters.persistence.cosmos")).isTrue();
        assertThat(PRODUCT.containPackage("northstar.adapters.persistence.firestore")).isTrue();
        assertThat(PRODUCT.containPackage("northstar.adapters.blob.gcs")).isTrue();
        assertThat(PRODUCT.containPackage("northstar.adapters.blob.filesystem")).isTrue();
        assertThat(PRODUCT.containPackage("northstar.adapters.http")).isTrue();
        assertThat(PRODUCT.containPackage("northstar.bootstrap")).isTrue();
        assertThat(PRODUCT.containPackage("northstar.testkit")).as("test code is not product").isFalse();
    }
}
