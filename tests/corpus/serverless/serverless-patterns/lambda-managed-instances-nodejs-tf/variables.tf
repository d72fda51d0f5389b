variable "aws_region" {
  description = "AWS region for resources"
  type        = string
  default     = "us-west-2"
}