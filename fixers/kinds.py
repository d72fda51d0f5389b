"""Resource kinds and settings, each named once for the three languages.

Terraform and Pulumi share the AWS provider's schema (pulumi_aws is generated from it), so one setting path
usually serves both; CloudFormation has its own names, and SAM's serverless resource types sometimes others
again. A rule asks for ``Kind`` and ``Setting`` values and never spells a language's names itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from iacfix.fixers.model import Language

_SAME = "\0same"  # a Setting field left unset: the same path as its fallback


@dataclass(frozen=True)
class Setting:
    """Where one setting lives, as a dotted path per language (nested blocks, mappings, ``Args`` objects).

    CloudFormation paths start inside ``Properties``. ``pulumi`` defaults to the Terraform path and ``sam`` (for
    ``AWS::Serverless::*`` types) to the CloudFormation one; None means the language has no such setting.
    """

    terraform: str | None
    cloudformation: str | None
    pulumi: str | None = _SAME
    sam: str | None = _SAME

    def path(self, language: Language, resource_type: str = "") -> str | None:
        if language is Language.TERRAFORM:
            return self.terraform
        if language is Language.PULUMI:
            return self.terraform if self.pulumi == _SAME else self.pulumi
        if resource_type.startswith("AWS::Serverless::") and self.sam != _SAME:
            return self.sam
        return self.cloudformation


@dataclass(frozen=True)
class Attribute:
    """What a reference to a resource reads, per language: ``arn``; ``!GetAtt X.Arn``; ``x.arn``.

    ``cloudformation`` None means ``!Ref X`` returns it; ``""`` means CloudFormation cannot name it.
    """

    terraform: str
    cloudformation: str | None
    pulumi: str | None = None  # None: as in Terraform

    def of(self, language: Language) -> str | None:
        if language is Language.TERRAFORM:
            return self.terraform
        if language is Language.PULUMI:
            return self.pulumi or self.terraform
        return self.cloudformation


@dataclass(frozen=True)
class Kind:
    """One AWS resource type in the three languages.

    ``cloudformation`` lists every type that is this kind (SAM's included); a fix that adds one writes the first.
    ``pulumi`` is ``<module>.<Class>`` as ``pulumi_aws`` spells it (``lambda_.Function``).
    """

    label: str
    terraform: str | None
    cloudformation: tuple[str, ...]
    pulumi: str | None
    attributes: dict[str, Attribute] = field(default_factory=dict, hash=False, compare=False)
    name_setting: Setting | None = field(default=None, compare=False)  # where its real (AWS) name is set

    def types(self, language: Language) -> tuple[str, ...]:
        if language is Language.TERRAFORM:
            return (self.terraform,) if self.terraform else ()
        if language is Language.PULUMI:
            return (self.pulumi,) if self.pulumi else ()
        return self.cloudformation

    def created_as(self, language: Language) -> str | None:
        types = self.types(language)
        return types[0] if types else None

    @property
    def stem(self) -> str:
        """``LogGroup`` for ``AWS::Logs::LogGroup``: how new logical ids and variables end."""
        source = self.cloudformation[0].rsplit("::", 1)[-1] if self.cloudformation else self.label.title()
        return re.sub(r"[^A-Za-z0-9]", "", source)

    def attribute(self, name: str) -> Attribute:
        try:
            return self.attributes[name]
        except KeyError:
            raise KeyError(f"{self.label} has no attribute {name!r} in the kind table") from None


ARN = Attribute("arn", "Arn")
NAME_BY_REF = Attribute("name", None)

LOG_GROUP_NAME = Setting("name", "LogGroupName")
FUNCTION_NAME = Setting("function_name", "FunctionName", pulumi="name")
TABLE_NAME = Setting("name", "TableName")
ROLE_NAME = Setting("name", "RoleName")

LAMBDA_FUNCTION = Kind(
    "Lambda function", "aws_lambda_function", ("AWS::Lambda::Function", "AWS::Serverless::Function"),
    "lambda_.Function",
    {"arn": ARN, "name": Attribute("function_name", None, "name"), "version": Attribute("version", ""),
     "role": Attribute("role", "")},
    FUNCTION_NAME,
)
LAMBDA_ALIAS = Kind(
    "Lambda alias", "aws_lambda_alias", ("AWS::Lambda::Alias",), "lambda_.Alias",
    {"arn": Attribute("arn", None), "name": Attribute("name", "")},
)
LAMBDA_VERSION = Kind(
    "Lambda version", None, ("AWS::Lambda::Version",), None,
    {"arn": Attribute("qualified_arn", None), "version": Attribute("version", "Version")},
)
PROVISIONED_CONCURRENCY = Kind(
    "provisioned concurrency configuration", "aws_lambda_provisioned_concurrency_config", (),
    "lambda_.ProvisionedConcurrencyConfig",
)
LOG_GROUP = Kind(
    "log group", "aws_cloudwatch_log_group", ("AWS::Logs::LogGroup",), "cloudwatch.LogGroup",
    {"arn": ARN, "name": NAME_BY_REF, "id": Attribute("id", None)}, LOG_GROUP_NAME,
)
DYNAMODB_TABLE = Kind(
    "DynamoDB table", "aws_dynamodb_table", ("AWS::DynamoDB::Table",), "dynamodb.Table",
    {"arn": ARN, "name": NAME_BY_REF, "id": Attribute("id", None), "stream_arn": Attribute("stream_arn", "StreamArn")},
    TABLE_NAME,
)
IAM_ROLE = Kind(
    "IAM role", "aws_iam_role", ("AWS::IAM::Role",), "iam.Role",
    {"arn": ARN, "name": NAME_BY_REF, "id": Attribute("id", None)}, ROLE_NAME,
)
IAM_ROLE_POLICY = Kind(
    "IAM role policy", "aws_iam_role_policy", ("AWS::IAM::RolePolicy", "AWS::IAM::Policy"), "iam.RolePolicy",
)

# ----------------------------------------------------------------------------- S3 buckets and their configurations
BUCKET_NAME = Setting("bucket", "BucketName")
S3_BUCKET = Kind(
    "S3 bucket", "aws_s3_bucket", ("AWS::S3::Bucket",), "s3.Bucket",
    {"arn": ARN, "id": Attribute("id", None), "name": Attribute("bucket", None)}, BUCKET_NAME,
)
# Terraform (AWS provider v4 and later) and Pulumi configure a bucket through resources of their own, each naming
# the bucket in its ``bucket`` argument; CloudFormation writes the same configurations as properties of the bucket.
BUCKET_OF = Setting("bucket", "Bucket")
S3_LIFECYCLE_CONFIGURATION = Kind(
    "S3 lifecycle configuration", "aws_s3_bucket_lifecycle_configuration", (), "s3.BucketLifecycleConfiguration",
)
S3_ENCRYPTION_CONFIGURATION = Kind(
    "S3 server-side encryption configuration", "aws_s3_bucket_server_side_encryption_configuration", (),
    "s3.BucketServerSideEncryptionConfiguration",
)
S3_PUBLIC_ACCESS_BLOCK = Kind(
    "S3 public access block", "aws_s3_bucket_public_access_block", (), "s3.BucketPublicAccessBlock",
)
S3_WEBSITE_CONFIGURATION = Kind(
    "S3 website configuration", "aws_s3_bucket_website_configuration", (), "s3.BucketWebsiteConfiguration",
)
S3_BUCKET_ACL = Kind("S3 bucket ACL", "aws_s3_bucket_acl", (), "s3.BucketAcl")
S3_BUCKET_POLICY = Kind("S3 bucket policy", "aws_s3_bucket_policy", ("AWS::S3::BucketPolicy",), "s3.BucketPolicy")
KMS_KEY = Kind("KMS key", "aws_kms_key", ("AWS::KMS::Key",), "kms.Key", {"arn": ARN, "id": Attribute("key_id", None)})

# Lifecycle rules: the separate resource's ``rule`` blocks, or the bucket's ``LifecycleConfiguration.Rules``.
LIFECYCLE_RULES = Setting("rule", "LifecycleConfiguration.Rules", pulumi="rules")
INLINE_LIFECYCLE_RULES = Setting("lifecycle_rule", None, pulumi="lifecycle_rules")  # AWS provider v3, on the bucket
LIFECYCLE_RULE_ID = Setting("id", "Id")
LIFECYCLE_RULE_STATUS = Setting("status", "Status")
INLINE_LIFECYCLE_RULE_ENABLED = Setting("enabled", None)
LIFECYCLE_RULE_FILTER = Setting("filter", None)  # an empty filter: every object (CloudFormation: no Prefix)
ABORT_INCOMPLETE_UPLOAD_DAYS = Setting("abort_incomplete_multipart_upload.days_after_initiation",
                                       "AbortIncompleteMultipartUpload.DaysAfterInitiation")
LIFECYCLE_TRANSITIONS = Setting("transition", "Transitions", pulumi="transitions")
TRANSITION_DAYS = Setting("days", "TransitionInDays")
TRANSITION_STORAGE_CLASS = Setting("storage_class", "StorageClass")

# Default encryption: the separate resource's ``rule`` blocks, or the bucket's ``BucketEncryption``.
ENCRYPTION_RULES = Setting("rule", "BucketEncryption.ServerSideEncryptionConfiguration", pulumi="rules")
BUCKET_ENCRYPTION = Setting("server_side_encryption_configuration", "BucketEncryption")  # on the bucket (v3 inline)
SSE_ALGORITHM = Setting("apply_server_side_encryption_by_default.sse_algorithm",
                        "ServerSideEncryptionByDefault.SSEAlgorithm")
SSE_KMS_KEY = Setting("apply_server_side_encryption_by_default.kms_master_key_id",
                      "ServerSideEncryptionByDefault.KMSMasterKeyID")
BUCKET_KEY_ENABLED = Setting("bucket_key_enabled", "BucketKeyEnabled")

# The public access block: the separate resource, or the bucket's ``PublicAccessBlockConfiguration``.
BLOCK_PUBLIC_ACLS = Setting("block_public_acls", "PublicAccessBlockConfiguration.BlockPublicAcls")
BLOCK_PUBLIC_POLICY = Setting("block_public_policy", "PublicAccessBlockConfiguration.BlockPublicPolicy")
IGNORE_PUBLIC_ACLS = Setting("ignore_public_acls", "PublicAccessBlockConfiguration.IgnorePublicAcls")
RESTRICT_PUBLIC_BUCKETS = Setting("restrict_public_buckets", "PublicAccessBlockConfiguration.RestrictPublicBuckets")
PUBLIC_ACCESS_BLOCK = (BLOCK_PUBLIC_ACLS, BLOCK_PUBLIC_POLICY, IGNORE_PUBLIC_ACLS, RESTRICT_PUBLIC_BUCKETS)
BUCKET_PUBLIC_ACCESS_BLOCK = Setting(None, "PublicAccessBlockConfiguration")  # on the bucket

# What makes a bucket public on purpose: a website, a canned ACL, a policy.
INLINE_WEBSITE = Setting("website", "WebsiteConfiguration")
CANNED_ACL = Setting("acl", "AccessControl")
BUCKET_POLICY_DOCUMENT = Setting("policy", "PolicyDocument")

# ------------------------------------------------------------------------------ template parameters (CloudFormation)
ALLOWED_VALUES = Setting(None, "AllowedValues")
ALLOWED_PATTERN = Setting(None, "AllowedPattern")
CONSTRAINT_DESCRIPTION = Setting(None, "ConstraintDescription")
PARAMETER_DEFAULT = Setting(None, "Default")

# ----------------------------------------------------------------------------------- alarms and what they watch
CLOUDWATCH_ALARM = Kind(
    "CloudWatch alarm", "aws_cloudwatch_metric_alarm", ("AWS::CloudWatch::Alarm",), "cloudwatch.MetricAlarm",
    {"arn": ARN, "name": Attribute("alarm_name", None, "name")}, Setting("alarm_name", "AlarmName", pulumi="name"),
)
SNS_TOPIC = Kind(
    "SNS topic", "aws_sns_topic", ("AWS::SNS::Topic",), "sns.Topic",
    {"arn": Attribute("arn", None), "name": Attribute("name", "TopicName"), "id": Attribute("id", None)},
    Setting("name", "TopicName"),
)
SQS_QUEUE = Kind(
    "SQS queue", "aws_sqs_queue", ("AWS::SQS::Queue",), "sqs.Queue",
    {"arn": ARN, "name": Attribute("name", "QueueName"), "url": Attribute("url", None), "id": Attribute("id", None)},
    Setting("name", "QueueName"),
)
ELASTICACHE_CLUSTER = Kind(
    "ElastiCache cluster", "aws_elasticache_cluster", ("AWS::ElastiCache::CacheCluster",), "elasticache.Cluster",
    {"arn": ARN, "name": Attribute("cluster_id", None), "id": Attribute("id", None)},
    Setting("cluster_id", "ClusterName"),
)
KINESIS_STREAM = Kind(
    "Kinesis stream", "aws_kinesis_stream", ("AWS::Kinesis::Stream",), "kinesis.Stream",
    {"arn": ARN, "name": Attribute("name", None)}, Setting("name", "Name"),
)
STATE_MACHINE = Kind(
    "Step Functions state machine", "aws_sfn_state_machine",
    ("AWS::StepFunctions::StateMachine", "AWS::Serverless::StateMachine"), "sfn.StateMachine",
    {"arn": Attribute("arn", None), "name": Attribute("name", "Name")}, Setting("name", "StateMachineName", sam="Name"),
)
ALARM_NAMESPACE = Setting("namespace", "Namespace")
ALARM_METRIC = Setting("metric_name", "MetricName")
ALARM_DIMENSIONS = Setting("dimensions", "Dimensions")  # a map (Terraform, Pulumi) or a list of Name/Value pairs
DIMENSION_NAME = Setting(None, "Name")
DIMENSION_VALUE = Setting(None, "Value")
# An alarm's dimensions in each language's shape: a map of names to values, or a list of Name/Value pairs.
ALARM_DIMENSION_MAP = Setting("dimensions", None)
ALARM_DIMENSION_PAIRS = Setting(None, "Dimensions")
ALARM_DESCRIPTION = Setting("alarm_description", "AlarmDescription")
ALARM_STATISTIC = Setting("statistic", "Statistic")
ALARM_PERIOD = Setting("period", "Period")
ALARM_EVALUATION_PERIODS = Setting("evaluation_periods", "EvaluationPeriods")
ALARM_THRESHOLD = Setting("threshold", "Threshold")
ALARM_COMPARISON = Setting("comparison_operator", "ComparisonOperator")
ALARM_MISSING_DATA = Setting("treat_missing_data", "TreatMissingData")
ALARM_ACTIONS = Setting("alarm_actions", "AlarmActions")
ALARM_OK_ACTIONS = Setting("ok_actions", "OKActions")

# Where failed events go: a function's dead-letter queue, a queue's redrive policy (a JSON document).
DEAD_LETTER_TARGET = Setting("dead_letter_config.target_arn", "DeadLetterConfig.TargetArn",
                             sam="DeadLetterQueue.TargetArn")
REDRIVE_POLICY = Setting("redrive_policy", "RedrivePolicy")
REDRIVE_TARGET = Setting("deadLetterTargetArn", "deadLetterTargetArn")  # a key of the redrive policy document


# Data at rest: queues, topics, streams and the keys that encrypt them.
SAM_SIMPLE_TABLE = Kind("SAM simple table", None, ("AWS::Serverless::SimpleTable",), None, {"name": NAME_BY_REF})
# ``key``: what a key setting (``kms_master_key_id``, ``KmsMasterKeyId``...) takes: the alias's ARN, or in
# CloudFormation the alias name ``!Ref`` gives, which those settings accept.
KMS_ALIAS = Kind("KMS alias", "aws_kms_alias", ("AWS::KMS::Alias",), "kms.Alias",
                 {"arn": Attribute("arn", ""), "key": Attribute("arn", None), "name": Attribute("name", None)})
SQS_MANAGED_SSE = Setting("sqs_managed_sse_enabled", "SqsManagedSseEnabled")
SQS_KMS_KEY = Setting("kms_master_key_id", "KmsMasterKeyId")
SNS_KMS_KEY = Setting("kms_master_key_id", "KmsMasterKeyId")
KINESIS_ENCRYPTION = Setting("encryption_type", "StreamEncryption.EncryptionType")
KINESIS_KMS_KEY = Setting("kms_key_id", "StreamEncryption.KeyId")
DYNAMODB_SSE = Setting("server_side_encryption.enabled", "SSESpecification.SSEEnabled")
DYNAMODB_SSE_KEY = Setting("server_side_encryption.kms_key_arn", "SSESpecification.KMSMasterKeyId", sam=None)
DYNAMODB_SSE_TYPE = Setting(None, "SSESpecification.SSEType", sam=None)

# Services that publish to an SNS topic (they cannot use the AWS managed key ``alias/aws/sns``).
EVENT_TARGET = Kind("EventBridge target", "aws_cloudwatch_event_target", (), "cloudwatch.EventTarget")
S3_BUCKET_NOTIFICATION = Kind("S3 bucket notification", "aws_s3_bucket_notification", (), "s3.BucketNotification")
ALARM_NOTIFICATIONS = (Setting("alarm_actions", "AlarmActions"), Setting("ok_actions", "OKActions"),
                       Setting("insufficient_data_actions", "InsufficientDataActions"))
EVENT_TARGET_ARN = Setting("arn", None)
BUCKET_NOTIFICATION_TOPICS = Setting("topic", None)
# CloudFormation writes event targets and bucket notifications inside the rule and the bucket.
EVENT_RULE_TARGETS = Setting(None, "Targets")
BUCKET_TOPIC_CONFIGURATIONS = Setting(None, "NotificationConfiguration.TopicConfigurations")

# Secrets and their rotation.
SECRET = Kind(
    "Secrets Manager secret", "aws_secretsmanager_secret", ("AWS::SecretsManager::Secret",), "secretsmanager.Secret",
    {"arn": ARN, "id": Attribute("id", None)}, Setting("name", "Name"),
)
SECRET_ROTATION = Kind("secret rotation", "aws_secretsmanager_secret_rotation",
                       ("AWS::SecretsManager::RotationSchedule",), "secretsmanager.SecretRotation")
LAMBDA_PERMISSION = Kind("Lambda permission", "aws_lambda_permission", ("AWS::Lambda::Permission",), "lambda_.Permission")
ROTATION_SECRET = Setting("secret_id", "SecretId")
ROTATION_FUNCTION = Setting("rotation_lambda_arn", "RotationLambdaARN")
ROTATION_HOSTED = Setting(None, "HostedRotationLambda")
ROTATION_DAYS = Setting("rotation_rules.automatically_after_days", "RotationRules.AutomaticallyAfterDays")
PERMISSION_FUNCTION = Setting("function_name", "FunctionName", pulumi="function")
PERMISSION_PRINCIPAL = Setting("principal", "Principal")

# API Gateway stages: REST (v1) and HTTP/WebSocket (v2), SAM's APIs with their one implicit stage.
REST_STAGE = Kind(
    "REST API stage", "aws_api_gateway_stage", ("AWS::ApiGateway::Stage", "AWS::Serverless::Api"), "apigateway.Stage",
    {"name": Attribute("stage_name", None), "id": Attribute("id", None), "rest_api": Attribute("rest_api_id", "", "rest_api")},
)
HTTP_STAGE = Kind(
    "HTTP API stage", "aws_apigatewayv2_stage", ("AWS::ApiGatewayV2::Stage", "AWS::Serverless::HttpApi"),
    "apigatewayv2.Stage", {"name": Attribute("name", None), "id": Attribute("id", None)},
)
METHOD_SETTINGS = Kind("API Gateway method settings", "aws_api_gateway_method_settings", (), "apigateway.MethodSettings")
API_GATEWAY_ACCOUNT = Kind("API Gateway account", "aws_api_gateway_account", ("AWS::ApiGateway::Account",),
                           "apigateway.Account")
REST_STAGE_API = Setting("rest_api_id", "RestApiId", pulumi="rest_api", sam=None)
REST_STAGE_NAME = Setting("stage_name", "StageName")
HTTP_STAGE_API = Setting("api_id", "ApiId", sam=None)
HTTP_STAGE_NAME = Setting("name", "StageName")
METHOD_SETTINGS_API = Setting("rest_api_id", None, pulumi="rest_api")
METHOD_SETTINGS_STAGE = Setting("stage_name", None)
METHOD_SETTINGS_PATH = Setting("method_path", None)
METHOD_SETTINGS_RATE = Setting("settings.throttling_rate_limit", None)
METHOD_SETTINGS_BURST = Setting("settings.throttling_burst_limit", None)
STAGE_METHOD_SETTINGS = Setting(None, "MethodSettings")
HTTP_THROTTLING_RATE = Setting("default_route_settings.throttling_rate_limit", "DefaultRouteSettings.ThrottlingRateLimit")
HTTP_THROTTLING_BURST = Setting("default_route_settings.throttling_burst_limit",
                                "DefaultRouteSettings.ThrottlingBurstLimit")
ACCOUNT_CLOUDWATCH_ROLE = Setting("cloudwatch_role_arn", "CloudWatchRoleArn")
REST_ACCESS_LOG_DESTINATION = Setting("access_log_settings.destination_arn", "AccessLogSetting.DestinationArn")
REST_ACCESS_LOG_FORMAT = Setting("access_log_settings.format", "AccessLogSetting.Format")
HTTP_ACCESS_LOG_DESTINATION = Setting("access_log_settings.destination_arn", "AccessLogSettings.DestinationArn")
HTTP_ACCESS_LOG_FORMAT = Setting("access_log_settings.format", "AccessLogSettings.Format")
LOG_GROUP_RETENTION = Setting("retention_in_days", "RetentionInDays")


def _all_kinds() -> list[Kind]:
    return [value for value in globals().values() if isinstance(value, Kind)]


def kind_of(language: Language, resource_type: str) -> Kind | None:
    """The kind a language's resource type belongs to, when the table knows it."""
    return _BY_TYPE.setdefault(language, {
        type_name: kind for kind in _all_kinds() for type_name in kind.types(language)
    }).get(resource_type)


def attribute_name(language: Language, resource_type: str, attribute: str) -> str | None:
    """How a language names a kind's attribute; the neutral name itself when the table does not know it."""
    kind = kind_of(language, resource_type)
    if kind is None or attribute not in kind.attributes:
        return attribute if language is not Language.CLOUDFORMATION else attribute[:1].upper() + attribute[1:]
    return kind.attributes[attribute].of(language)


_BY_TYPE: dict[Language, dict[str, Kind]] = {}

# Lambda function settings: memory, concurrency, failure handling.
MEMORY_SIZE = Setting("memory_size", "MemorySize")
RESERVED_CONCURRENCY = Setting("reserved_concurrent_executions", "ReservedConcurrentExecutions")
FUNCTION_ROLE = Setting("role", "Role")
PROVISIONED_EXECUTIONS = Setting("provisioned_concurrent_executions",
                                 "ProvisionedConcurrencyConfig.ProvisionedConcurrentExecutions")
TARGET_FUNCTION = Setting("function_name", "FunctionName")  # the function an alias, version or config is for

# DynamoDB capacity, and the Application Auto Scaling targets that scale it.
SIMPLE_TABLE = Kind("SAM simple table", None, ("AWS::Serverless::SimpleTable",), None, {"name": NAME_BY_REF}, TABLE_NAME)
BILLING_MODE = Setting("billing_mode", "BillingMode", sam=None)  # a SAM simple table is on demand unless it has capacity
# Where a table's (or a global secondary index's) provisioned throughput is written: two attributes in Terraform
# and Pulumi, one mapping in CloudFormation.
PROVISIONED_THROUGHPUT = (Setting("read_capacity", "ProvisionedThroughput"), Setting("write_capacity", None))
READ_CAPACITY = Setting("read_capacity", "ProvisionedThroughput.ReadCapacityUnits")
WRITE_CAPACITY = Setting("write_capacity", "ProvisionedThroughput.WriteCapacityUnits")
GLOBAL_SECONDARY_INDEXES = Setting("global_secondary_index", "GlobalSecondaryIndexes", pulumi="global_secondary_indexes")
SCALABLE_TARGET = Kind(
    "Application Auto Scaling target", "aws_appautoscaling_target", ("AWS::ApplicationAutoScaling::ScalableTarget",),
    "appautoscaling.Target",
)
SCALING_RESOURCE_ID = Setting("resource_id", "ResourceId")
SCALING_NAMESPACE = Setting("service_namespace", "ServiceNamespace")

# What invokes a function: CloudFormation itself, for custom resources and macros.
CFN_MACRO = Kind("CloudFormation macro", None, ("AWS::CloudFormation::Macro",), None)
SERVICE_TOKEN = Setting(None, "ServiceToken")  # a custom resource's handler, whatever its Custom:: type

# Step Functions state machines and where their definition is written.
DEFINITION = Setting("definition", "Definition")  # inline: jsonencode/heredoc, a mapping, json.dumps
DEFINITION_STRING = Setting(None, "DefinitionString", sam=None)  # JSON text
DEFINITION_FILE = Setting(None, None, sam="DefinitionUri")  # a file beside the template
DEFINITION_SUBSTITUTIONS = Setting(None, "DefinitionSubstitutions")  # what ${Name} placeholders stand for

# Where a function's failed asynchronous events go: a dead-letter queue, or an on-failure destination.
SQS_MANAGED_ENCRYPTION = Setting("sqs_managed_sse_enabled", "SqsManagedSseEnabled")
MESSAGE_RETENTION = Setting("message_retention_seconds", "MessageRetentionPeriod")
DEAD_LETTER_TYPE = Setting(None, None, sam="DeadLetterQueue.Type")  # SAM says which service the target is
EVENT_INVOKE_CONFIG = Kind(
    "Lambda asynchronous invocation configuration", "aws_lambda_function_event_invoke_config",
    ("AWS::Lambda::EventInvokeConfig",), "lambda_.FunctionEventInvokeConfig",
)
ON_FAILURE = Setting("destination_config.on_failure.destination", "DestinationConfig.OnFailure.Destination",
                     sam="EventInvokeConfig.DestinationConfig.OnFailure.Destination")  # SAM: on the function

# What invokes a function: permissions given to services, event source mappings, SAM events, CloudFront.
EVENT_SOURCE_MAPPING = Kind(
    "Lambda event source mapping", "aws_lambda_event_source_mapping", ("AWS::Lambda::EventSourceMapping",),
    "lambda_.EventSourceMapping",
)
SAM_EVENTS = Setting(None, None, sam="Events")
CLOUDFRONT_DISTRIBUTION = Kind(
    "CloudFront distribution", "aws_cloudfront_distribution", ("AWS::CloudFront::Distribution",),
    "cloudfront.Distribution",
)
