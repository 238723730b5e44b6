using Microsoft.Extensions.Configuration;
using OncologyMassage.Infrastructure;

namespace OncologyMassage.IntegrationTests.Configuration;

/// <summary>One registration for every environment: Azurite's connection string locally, the managed identity in Azure.</summary>
public sealed class TableServiceConfigurationTests
{
    private static IConfiguration Config(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();

    [Fact]
    public void CreateTableService_ConnectionString_UsesItsTableEndpoint()
    {
        var client = ServiceCollectionExtensions.CreateTableService(Config(("AzureWebJobsStorage",
            "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;")));

        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), client.Uri);
    }

    [Fact]
    public void CreateTableService_IdentityBasedSettingsAsAzureWritesThem_UsesTheAccountsTableEndpoint()
    {
        var client = ServiceCollectionExtensions.CreateTableService(Config(
            ("AzureWebJobsStorage:accountName", "stomdemo"),
            ("AzureWebJobsStorage:credential", "managedidentity"),
            ("AzureWebJobsStorage:clientId", "00000000-0000-0000-0000-000000000001")));

        Assert.Equal(new Uri("https://stomdemo.table.core.windows.net"), client.Uri);
        Assert.Equal("stomdemo", client.AccountName);
    }

    [Fact]
    public void CreateTableService_NothingConfigured_FailsNamingTheSettings()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ServiceCollectionExtensions.CreateTableService(Config()));

        Assert.Contains("AzureWebJobsStorage__accountName", error.Message, StringComparison.Ordinal);
    }
}
