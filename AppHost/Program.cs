using Microsoft.Extensions.Configuration;
using Meshy3D.AppHost.Infrastructure;

var builder = DistributedApplication.CreateBuilder(args);

// PostgreSQL, RabbitMQ and Blob Storage: containers where a runtime answers, local processes where none does.
var platform = builder.AddPlatform();

// Services trust only tokens the gateway signs with this key; it is new on every start (tokens live minutes).
var callerSigningKey = builder.AddParameter("caller-signing-key",
    new GenerateParameterDefault { MinLength = 48, Special = false }, secret: true);

var prompt = builder.AddProject<Projects.Meshy3D_Prompt>("prompt")
    .WithPlatform(platform, database: "promptdb")
    .WithEnvironment("Identity__SigningKey", callerSigningKey)
    .WithOpenAI(builder);

var generationInstances = builder.Configuration.GetValue("Generation:Replicas", 1);
var generation = builder.AddProject<Projects.Meshy3D_Generation>("generation")
    .WithPlatform(platform, database: "generationdb")
    .WithEnvironment("Identity__SigningKey", callerSigningKey)
    .WithMeshy(builder)
    // Any instance can follow any job; tests run two to prove it.
    .WithEnvironment("Generation__LeaseDuration", builder.Configuration["Generation:LeaseDuration"] ?? "00:00:15")
    .WithEnvironment("Generation__HeartbeatInterval", builder.Configuration["Generation:HeartbeatInterval"] ?? "00:00:15")
    .WithEnvironment("Generation__StreamEndDelay", builder.Configuration["Generation:StreamEndDelay"] ?? "00:00:02")
    .WithReplicas(generationInstances)
    // One instance takes the gateway's traffic straight; several share it through DCP's proxy (Azure's ingress in the cloud).
    .WithDirectEndpointWhen(generationInstances == 1);

var storage = builder.AddProject<Projects.Meshy3D_Storage>("storage")
    .WithPlatform(platform, database: "storagedb", blobs: true)
    .WithEnvironment("Identity__SigningKey", callerSigningKey);

var scoring = builder.AddProject<Projects.Meshy3D_Scoring>("scoring")
    .WithPlatform(platform, database: "scoringdb", blobs: true)
    .WithEnvironment("Identity__SigningKey", callerSigningKey);

builder.AddProject<Projects.Meshy3D_Gateway>("gateway")
    .WithPublicEndpoint(builder.Configuration["GatewayPort"])
    .WithExternalHttpEndpoints()
    .WithEnvironment("Identity__SigningKey", callerSigningKey)
    // A relayed job stream silent this long (no event, no heartbeat) is taken for dead and asked again.
    .WithEnvironment("JobStreams__IdleTimeout", builder.Configuration["JobStreams:IdleTimeout"] ?? "00:01:00")
    .WithReference(prompt).WithReference(generation).WithReference(storage).WithReference(scoring)
    .WaitFor(prompt).WaitFor(generation).WaitFor(storage).WaitFor(scoring);

builder.WithTelemetryOnlyForADashboard();
builder.Build().Run();
