using OncologyMassage.LocalHost.Azurite;

namespace OncologyMassage.IntegrationTests.LocalHost;

/// <summary>Which storage the local host treats as the emulator (the only storage it seeds demo data into).</summary>
public sealed class EmulatorStorageTests
{
    private const string Key = AzuriteLauncher.AccountKey;

    [Theory]
    [InlineData("UseDevelopmentStorage=true")]
    [InlineData("DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + Key + ";TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;QueueEndpoint=http://127.0.0.1:10001/devstoreaccount1;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;")]
    [InlineData("DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + Key + ";TableEndpoint=http://localhost:10002/devstoreaccount1")]
    [InlineData("AccountName=devstoreaccount1;AccountKey=" + Key + ";TableEndpoint=http://[::1]:10002/devstoreaccount1")]
    public void IsEmulator_WellKnownAccountOnLoopback_True(string connectionString) => Assert.True(EmulatorStorage.IsEmulator(connectionString));

    [Theory]
    [InlineData("")]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=omprodstore;AccountKey=" + Key + ";EndpointSuffix=core.windows.net")]
    [InlineData("DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + Key)] // no endpoints: devstoreaccount1.*.core.windows.net
    [InlineData("AccountName=devstoreaccount1;AccountKey=" + Key + ";TableEndpoint=http://10.0.0.4:10002/devstoreaccount1")] // an emulator on another machine
    [InlineData("AccountName=devstoreaccount1;AccountKey=" + Key + ";TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;BlobEndpoint=https://omprod.blob.core.windows.net")]
    [InlineData("AccountName=devstoreaccount1;AccountKey=bm90IHRoZSB3ZWxsLWtub3duIGtleQ==;TableEndpoint=http://127.0.0.1:10002/devstoreaccount1")]
    [InlineData("AccountName=otheraccount;AccountKey=" + Key + ";TableEndpoint=http://127.0.0.1:10002/otheraccount")]
    [InlineData("UseDevelopmentStorage=true;DevelopmentStorageProxyUri=http://proxy.example")]
    [InlineData("not a connection string")]
    public void IsEmulator_AnythingElse_False(string connectionString) => Assert.False(EmulatorStorage.IsEmulator(connectionString));
}
