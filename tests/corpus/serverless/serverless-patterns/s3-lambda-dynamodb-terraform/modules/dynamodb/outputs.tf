output "table_name" {
  value = aws_dynamodb_table.basic-dynamodb-table.name
}