variable "aws_profile" {
  description = "AWS CLI named profile to use for authentication"
  type        = string
}

variable "aws_region" {
  description = "AWS region to deploy resources into"
  type        = string
}
