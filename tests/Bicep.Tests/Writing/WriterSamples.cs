using Provisioning.Bicep.Model;
using Provisioning.Bicep.Naming;
using Provisioning.Bicep.Syntax;
using static Provisioning.Bicep.Syntax.Bicep;

namespace Provisioning.Bicep.Tests.Writing;

/// <summary>
/// Every syntax element of the model, each in a file small enough to read at a glance. Each file must also pass
/// the strict linter on its own, so every parameter and variable is used and secure values only reach secure sinks.
/// </summary>
internal static class WriterSamples
{
    private const string VaultApi = "2026-05-15";
    private const string IdentityApi = "2024-11-30";

    public static IReadOnlyList<WriterSample> All { get; } = Create();

    public static WriterSample Get(string fileName) => All.Single(s => s.FileName == fileName);

    private static ReferenceExpression R(string symbol) => Ref(symbol);

    private static ParameterStatement Location() => new("location", "string", ResourceGroup().Member("location"));

    /// <summary>Builds every sample from scratch (the determinism tests build them twice).</summary>
    public static IReadOnlyList<WriterSample> Create() =>
    [
        WriterSample.Of("param-plain.bicep", """
            param name string

            output greeting string = 'Hello, ${name}!'
            """,
            new ParameterStatement("name", "string"),
            new OutputStatement("greeting", "string", Interpolate("Hello, ", R("name"), "!"))),

        WriterSample.Of("param-default.bicep", """
            param replicas int = 2

            output doubled int = replicas * 2
            """,
            new ParameterStatement("replicas", "int", 2L),
            new OutputStatement("doubled", "int", Binary(R("replicas"), BinaryOperator.Multiply, 2L))),

        WriterSample.Of("param-description-length.bicep", """
            @description('Name prefix for every resource; it\'s short.')
            @minLength(3)
            @maxLength(11)
            param prefix string

            output prefixOut string = prefix
            """,
            new Parameter("prefix", "string") { Description = "Name prefix for every resource; it's short.", MinLength = 3, MaxLength = 11 }.ToStatement(),
            new OutputStatement("prefixOut", "string", R("prefix"))),

        WriterSample.Of("param-allowed.bicep", """
            @allowed([
              'dev'
              'prod'
            ])
            param environmentName string = 'dev'

            output isProd bool = environmentName == 'prod'
            """,
            new Parameter("environmentName", "string") { AllowedValues = ["dev", "prod"], DefaultValue = "dev" }.ToStatement(),
            new OutputStatement("isProd", "bool", Binary(R("environmentName"), BinaryOperator.Equals, "prod"))),

        WriterSample.Of("param-min-max-value.bicep", """
            @minValue(1)
            @maxValue(10)
            param replicas int

            output replicaCount int = replicas
            """,
            new Parameter("replicas", "int") { MinValue = 1, MaxValue = 10 }.ToStatement(),
            new OutputStatement("replicaCount", "int", R("replicas"))),

        SecureParameterIntoSecret(),

        GeneratedName(),

        WriterSample.Of("var.bicep", """
            @description('The tags every resource carries.')
            var tags = {
              project: 'todo'
              'azd-env-name': 'dev'
            }

            output tagsOut object = tags
            """,
            new Variable("tags", Object(Prop("project", "todo"), Prop("azd-env-name", "dev"))) { Description = "The tags every resource carries." }.ToStatement(),
            new OutputStatement("tagsOut", "object", R("tags"))),

        WriterSample.Of("resource.bicep", $$"""
            param location string = resourceGroup().location

            @description('The API\'s identity.')
            resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@{{IdentityApi}}' = {
              name: 'id-todo-dev'
              location: location
              tags: {
                component: 'api'
              }
            }

            output principalId string = identity.properties.principalId
            """,
            Build(t =>
            {
                t.Add(new Parameter("location", "string") { DefaultValue = ResourceGroup().Member("location") });
                var identity = t.Add(Identity("identity", "id-todo-dev") with { Tags = Object(Prop("component", "api")), DeclarationDescription = "The API's identity." });
                t.Add(new Output("principalId", "string", identity.PropertyReference("principalId")));
            })),

        WriterSample.Of("resource-condition.bicep", $$"""
            param deployIdentity bool

            param location string = resourceGroup().location

            resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@{{IdentityApi}}' = if (deployIdentity) {
              name: 'id-todo-dev'
              location: location
            }
            """,
            Build(t =>
            {
                var deploy = t.Add(new Parameter("deployIdentity", "bool"));
                t.Add(new Parameter("location", "string") { DefaultValue = ResourceGroup().Member("location") });
                t.Add(Identity("identity", "id-todo-dev") with { Condition = deploy.Reference });
            })),

        WriterSample.Of("resource-existing-scope.bicep", $$"""
            resource vault 'Microsoft.KeyVault/vaults@{{VaultApi}}' existing = {
              name: 'kv-example'
            }

            resource deleteLock 'Microsoft.Authorization/locks@2020-05-01' = {
              scope: vault
              name: 'delete-lock'
              properties: {
                level: 'CanNotDelete'
                notes: 'Protects ${vault.name}.'
              }
            }
            """,
            Build(t =>
            {
                var vault = t.Add(ExistingVault());
                t.Add(new RawResource("deleteLock", "Microsoft.Authorization/locks", "2020-05-01",
                    Object(Prop("properties", Object(Prop("level", "CanNotDelete"), Prop("notes", Interpolate("Protects ", vault.NameReference, "."))))))
                { Name = "delete-lock", Scope = vault });
            })),

        // 'second' waits for 'first' explicitly; 'third' refers to 'first', so its explicit dependency is implied and not printed.
        WriterSample.Of("resource-dependencies.bicep", $$"""
            param location string = resourceGroup().location

            resource first 'Microsoft.ManagedIdentity/userAssignedIdentities@{{IdentityApi}}' = {
              name: 'id-first'
              location: location
            }

            resource second 'Microsoft.ManagedIdentity/userAssignedIdentities@{{IdentityApi}}' = {
              name: 'id-second'
              location: location
              dependsOn: [
                first
              ]
            }

            resource third 'Microsoft.ManagedIdentity/userAssignedIdentities@{{IdentityApi}}' = {
              name: 'id-third'
              location: location
              tags: {
                after: first.id
              }
            }
            """,
            Build(t =>
            {
                t.Add(new Parameter("location", "string") { DefaultValue = ResourceGroup().Member("location") });
                var first = t.Add(Identity("first", "id-first"));
                t.Add(Identity("second", "id-second") with { DependsOn = [first, first] });
                t.Add(Identity("third", "id-third") with { Tags = Object(Prop("after", first.Id)), DependsOn = [first] });
            })),

        WriterSample.Of("parameter-output.bicep", """
            @description('Who to greet.')
            param name string

            output greeting string = 'Hello, ${name}!'
            """,
            new Parameter("name", "string") { Description = "Who to greet." }.ToStatement(),
            new OutputStatement("greeting", "string", Interpolate("Hello, ", R("name"), "!"))),

        WriterSample.Of("output-description.bicep", """
            targetScope = 'resourceGroup'

            @description('The resource group\'s name.')
            output groupName string = resourceGroup().name
            """,
            new TargetScopeStatement("resourceGroup"),
            new Output("groupName", "string", ResourceGroup().Member("name")) { Description = "The resource group's name." }.ToStatement()),

        WriterSample.Of("literals.bicep", """
            output text string = 'it\'s a \'quote\', a \\ and a newline\n'

            output count int = 42

            output negative int = -7

            output enabled bool = true

            output withNull object = {
              value: null
            }
            """,
            new OutputStatement("text", "string", "it's a 'quote', a \\ and a newline\n"),
            new OutputStatement("count", "int", 42L),
            new OutputStatement("negative", "int", -7L),
            new OutputStatement("enabled", "bool", true),
            new OutputStatement("withNull", "object", Object(Prop("value", Null)))),

        WriterSample.Of("interpolation.bicep", """
            param name string

            output greeting string = 'Hello, ${name}! Costs $5, not \${five}.'

            output nested string = 'a-${toUpper('b-${name}')}-c'
            """,
            new ParameterStatement("name", "string"),
            new OutputStatement("greeting", "string", Interpolate("Hello, ", R("name"), "! Costs $5, not ${five}.")),
            new OutputStatement("nested", "string", Interpolate("a-", Call("toUpper", Interpolate("b-", R("name"))), "-c"))),

        WriterSample.Of("objects.bicep", """
            output settings object = {
              name: 'api'
              'kebab-key': 1
              nested: {
                enabled: true
              }
              empty: {}
            }
            """,
            new OutputStatement("settings", "object", Object(
                Prop("name", "api"),
                Prop("kebab-key", 1L),
                Prop("nested", Object(Prop("enabled", true))),
                Prop("empty", ObjectExpression.Empty)))),

        WriterSample.Of("arrays.bicep", """
            output items array = [
              'a'
              1
              [
                true
              ]
              {
                key: 'v'
              }
              []
            ]
            """,
            new OutputStatement("items", "array", Array("a", 1L, Array(true), Object(Prop("key", "v")), ArrayExpression.Empty))),

        WriterSample.Of("access.bicep", """
            param settings object

            output first string = settings.items[0]

            output quoted string = settings['kebab-key']

            output computed string = settings[settings.keyName]
            """,
            new ParameterStatement("settings", "object"),
            new OutputStatement("first", "string", R("settings").Member("items").Index(0L)),
            new OutputStatement("quoted", "string", R("settings").Member("kebab-key")),
            new OutputStatement("computed", "string", R("settings").Index(R("settings").Member("keyName")))),

        WriterSample.Of("calls.bicep", """
            output id string = uniqueString(resourceGroup().id, 'seed')

            output joined string = join([
              'a'
              'b'
            ], ',')

            output length int = sys.length('abc')
            """,
            new OutputStatement("id", "string", UniqueString(ResourceGroup().Member("id"), "seed")),
            new OutputStatement("joined", "string", Call("join", Array("a", "b"), ",")),
            new OutputStatement("length", "int", new FunctionCallExpression("length", ["abc"], "sys"))),

        WriterSample.Of("calls-instance.bicep", $$"""
            resource storage 'Microsoft.Storage/storageAccounts@2026-06-01' existing = {
              name: 'stexample001'
            }

            resource vault 'Microsoft.KeyVault/vaults@{{VaultApi}}' existing = {
              name: 'kv-example'
            }

            resource storageKey 'Microsoft.KeyVault/vaults/secrets@{{VaultApi}}' = {
              parent: vault
              name: 'storage-key'
              properties: {
                value: storage.listKeys().keys[0].value
              }
            }
            """,
            Build(t =>
            {
                var storage = t.Add(new RawResource("storage", "Microsoft.Storage/storageAccounts", "2026-06-01", ObjectExpression.Empty) { Name = "stexample001", IsExisting = true });
                var vault = t.Add(ExistingVault());
                t.Add(Secret("storageKey", vault, "storage-key", Secure(storage.Reference.CallMember("listKeys").Member("keys").Index(0L).Member("value"))));
            })),

        WriterSample.Of("ternary.bicep", """
            param isProd bool

            param isDev bool

            output tier string = isProd ? 'GeneralPurpose' : 'Burstable'

            output replicas int = isProd ? 3 : (isDev ? 0 : 1)
            """,
            new ParameterStatement("isProd", "bool"),
            new ParameterStatement("isDev", "bool"),
            new OutputStatement("tier", "string", If(R("isProd"), "GeneralPurpose", "Burstable")),
            new OutputStatement("replicas", "int", If(R("isProd"), 3L, If(R("isDev"), 0L, 1L)))),

        Operators(),

        WriterSample.Of("unary-precedence.bicep", """
            param a int

            param b int

            param flag bool

            output negated bool = !flag

            output minus int = -a

            output minusNegative int = -(-5)

            output grouped int = (a + b) * 2

            output leftAssociative int = a - (b - 1)

            output notOfComparison bool = !(a > b)
            """,
            new ParameterStatement("a", "int"),
            new ParameterStatement("b", "int"),
            new ParameterStatement("flag", "bool"),
            new OutputStatement("negated", "bool", Not(R("flag"))),
            new OutputStatement("minus", "int", new UnaryExpression(UnaryOperator.Minus, R("a"))),
            new OutputStatement("minusNegative", "int", new UnaryExpression(UnaryOperator.Minus, -5L)),
            new OutputStatement("grouped", "int", Binary(Binary(R("a"), BinaryOperator.Add, R("b")), BinaryOperator.Multiply, 2L)),
            new OutputStatement("leftAssociative", "int", Binary(R("a"), BinaryOperator.Subtract, Binary(R("b"), BinaryOperator.Subtract, 1L))),
            new OutputStatement("notOfComparison", "bool", Not(Binary(R("a"), BinaryOperator.GreaterThan, R("b"))))),

        WriterSample.Of("computed-keys.bicep", $$"""
            param location string = resourceGroup().location

            resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@{{IdentityApi}}' = {
              name: 'id-todo-dev'
              location: location
            }

            output identities object = {
              '${identity.id}': {}
            }
            """,
            Build(t =>
            {
                t.Add(new Parameter("location", "string") { DefaultValue = ResourceGroup().Member("location") });
                var identity = t.Add(Identity("identity", "id-todo-dev"));
                t.Add(new Output("identities", "object", Object(ObjectProperty.Computed(identity.Id, ObjectExpression.Empty))));
            })),
    ];

    private static WriterSample GeneratedName() => WriterSample.Of("resource-generated-name.bicep", $$"""
        resource vault 'Microsoft.KeyVault/vaults@{{VaultApi}}' existing = {
          name: 'kv-tod-dev-${uniqueString(resourceGroup().id, 'vault')}'
        }

        output vaultUri string = vault.properties.vaultUri
        """,
        Build(t =>
        {
            var vault = t.Add(TestResource.KeyVault("vault", BicepValue<string>.Unset).WithGeneratedName("todo", "dev") with { IsExisting = true });
            t.Add(new Output("vaultUri", "string", vault.PropertyReference("vaultUri")));
        }));

    private static WriterSample SecureParameterIntoSecret() => WriterSample.Of("param-secure.bicep", $$"""
        @secure()
        @description('Administrator password.')
        param adminPassword string

        resource vault 'Microsoft.KeyVault/vaults@{{VaultApi}}' existing = {
          name: 'kv-example'
        }

        resource secret 'Microsoft.KeyVault/vaults/secrets@{{VaultApi}}' = {
          parent: vault
          name: 'admin-password'
          properties: {
            value: adminPassword
          }
        }
        """,
        Build(t =>
        {
            var password = t.Add(new Parameter("adminPassword", "string") { IsSecure = true, Description = "Administrator password." });
            var vault = t.Add(ExistingVault());
            t.Add(Secret("secret", vault, "admin-password", Secure(password.Reference)));
        }));

    private static WriterSample Operators()
    {
        (string Name, string Type, BinaryExpression Value)[] outputs =
        [
            ("sum", "int", Binary(R("a"), BinaryOperator.Add, R("b"))),
            ("difference", "int", Binary(R("a"), BinaryOperator.Subtract, R("b"))),
            ("product", "int", Binary(R("a"), BinaryOperator.Multiply, R("b"))),
            ("quotient", "int", Binary(R("a"), BinaryOperator.Divide, R("b"))),
            ("remainder", "int", Binary(R("a"), BinaryOperator.Modulo, R("b"))),
            ("less", "bool", Binary(R("a"), BinaryOperator.LessThan, R("b"))),
            ("lessOrEqual", "bool", Binary(R("a"), BinaryOperator.LessThanOrEqual, R("b"))),
            ("greater", "bool", Binary(R("a"), BinaryOperator.GreaterThan, R("b"))),
            ("greaterOrEqual", "bool", Binary(R("a"), BinaryOperator.GreaterThanOrEqual, R("b"))),
            ("same", "bool", Binary(R("s"), BinaryOperator.Equals, "x")),
            ("different", "bool", Binary(R("s"), BinaryOperator.NotEquals, "x")),
            ("sameIgnoringCase", "bool", Binary(R("s"), BinaryOperator.EqualsCaseInsensitive, "X")),
            ("differentIgnoringCase", "bool", Binary(R("s"), BinaryOperator.NotEqualsCaseInsensitive, "X")),
            ("both", "bool", Binary(R("flag"), BinaryOperator.And, Binary(R("a"), BinaryOperator.GreaterThan, R("b")))),
            ("either", "bool", Binary(R("flag"), BinaryOperator.Or, Not(R("flag")))),
            ("fallback", "string", Binary(R("maybe"), BinaryOperator.Coalesce, "default")),
        ];
        var expected = """
            param a int

            param b int

            param s string

            param flag bool

            param maybe string?

            output sum int = a + b

            output difference int = a - b

            output product int = a * b

            output quotient int = a / b

            output remainder int = a % b

            output less bool = a < b

            output lessOrEqual bool = a <= b

            output greater bool = a > b

            output greaterOrEqual bool = a >= b

            output same bool = s == 'x'

            output different bool = s != 'x'

            output sameIgnoringCase bool = s =~ 'X'

            output differentIgnoringCase bool = s !~ 'X'

            output both bool = flag && (a > b)

            output either bool = flag || !flag

            output fallback string = maybe ?? 'default'
            """;
        return WriterSample.Of("operators.bicep", expected,
        [
            new ParameterStatement("a", "int"),
            new ParameterStatement("b", "int"),
            new ParameterStatement("s", "string"),
            new ParameterStatement("flag", "bool"),
            new ParameterStatement("maybe", "string?"),
            .. outputs.Select(o => new OutputStatement(o.Name, o.Type, o.Value)),
        ]);
    }

    private static BicepFile Build(Action<BicepTemplate> declare)
    {
        var template = new BicepTemplate();
        declare(template);
        return template.Build();
    }

    private static RawResource Identity(string identifier, string name) =>
        new("" + identifier, "Microsoft.ManagedIdentity/userAssignedIdentities", IdentityApi, ObjectExpression.Empty)
        {
            Name = name,
            Location = Ref("location"),
        };

    private static RawResource ExistingVault() =>
        new("vault", "Microsoft.KeyVault/vaults", VaultApi, ObjectExpression.Empty) { Name = "kv-example", IsExisting = true };

    private static RawResource Secret(string identifier, Resource vault, string name, BicepExpression value) =>
        new(identifier, "Microsoft.KeyVault/vaults/secrets", VaultApi, Object(Prop("properties", Object(Prop("value", value)))))
        {
            Name = name,
            Parent = vault,
        };
}
