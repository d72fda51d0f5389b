/* Copyright Amazon.com, Inc. or its affiliates. All Rights Reserved. */

# --- variables.tf ---

variable "aws_region" {
  description = "AWS region"
  type        = string
  default     = "us-east-1"
}
