# Copyright Amazon.com, Inc. or its affiliates. All Rights Reserved.
# SPDX-License-Identifier: MIT-0

variable "codepipeline_role_arn" {
  description = "ARN of the codepipeline IAM role"
  type        = string
}