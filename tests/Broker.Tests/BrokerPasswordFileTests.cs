using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace IceFarm.Broker.Tests;

/// <summary>
/// <c>RabbitMq:PasswordFile</c>: the password of the URI's user from a file (the chart mounts each worker's own), checked
/// at start like every broker setting.
/// </summary>
public sealed class BrokerPasswordFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("icefarm-broker-password-").FullName;

    [Fact]
    public async Task The_file_s_trimmed_content_is_the_password_of_the_URI_s_user()
    {
        var file = Write("password", "s3cret-from-the-file\n");

        using var host = Build("amqps://worker-board-host-1@broker.example/icefarm", file);
        await host.StartAsync();

        var address = host.Services.GetRequiredService<BrokerConnection>().Address;
        Assert.Equal("worker-board-host-1", address.Username);
        Assert.Equal("s3cret-from-the-file", address.Password);
        await host.StopAsync();
    }

    [Theory]
    [InlineData("amqps://worker-a@broker/icefarm", "missing", null, "RabbitMq:PasswordFile: ")]
    [InlineData("amqps://worker-a@broker/icefarm", "blank", " \n\t", "holds no password")]
    [InlineData("amqps://worker-a:uri-password@broker/icefarm", "password", "file-password", "has a password too")]
    [InlineData("amqps://worker-a:@broker/icefarm", "password", "file-password", "has a password too")]
    [InlineData("amqps://broker/icefarm", "password", "file-password", "names no user")]
    public async Task A_host_with_a_password_file_it_cannot_use_does_not_start(string uri, string name, string? content, string message)
    {
        var file = content is null ? Path.Combine(_directory, name) : Write(name, content);

        using var host = Build(uri, file);
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        if (content is null)
        {
            Assert.Contains(file, error.Message, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("uri-password", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("file-password", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Write(string name, string content)
    {
        var file = Path.Combine(_directory, name);
        File.WriteAllText(file, content);
        return file;
    }

    private static IHost Build(string uri, string passwordFile)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(
        [
            new("ConnectionStrings:RabbitMq", uri),
            new("RabbitMq:PasswordFile", passwordFile),
        ]);
        builder.Services.AddBrokerConnection();
        return builder.Build();
    }
}
