"""An order-processing function with provisioned concurrency and a DynamoDB table."""

import json

import pulumi
import pulumi_aws as aws

table = aws.dynamodb.Table(
    "orders",
    billing_mode="PAY_PER_REQUEST",
    hash_key="order_id",
    attributes=[aws.dynamodb.TableAttributeArgs(name="order_id", type="S")],
)

role = aws.iam.Role(
    "orders-api",
    assume_role_policy=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{
            "Effect": "Allow",
            "Action": "sts:AssumeRole",
            "Principal": {"Service": "lambda.amazonaws.com"},
        }],
    }),
)

aws.iam.RolePolicy(
    "orders-api",
    role=role.id,
    policy=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": ["dynamodb:*"], "Resource": "*"}],
    }),
)

api = aws.lambda_.Function(
    "orders-api",
    role=role.arn,
    runtime="python3.12",
    handler="handler.main",
    code=pulumi.FileArchive("./app"),
    environment=aws.lambda_.FunctionEnvironmentArgs(variables={"TABLE_NAME": table.name}),
    opts=pulumi.ResourceOptions(depends_on=[table]),
)

aws.lambda_.ProvisionedConcurrencyConfig(
    "orders-api",
    function_name=api.name,
    qualifier=api.version,
    provisioned_concurrent_executions=5,
)

audit = aws.cloudwatch.LogGroup("audit", name="/orders/audit")

pulumi.export("function", api.name)
