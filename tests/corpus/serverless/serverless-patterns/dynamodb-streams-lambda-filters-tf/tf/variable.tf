variable "AWS_REGION" {
  default = "us-east-1"
}

variable "dynamodb_table_name" {
  default = "students_table"
}

