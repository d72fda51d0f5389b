import os

import boto3

table = boto3.resource("dynamodb").Table(os.environ["TABLE_NAME"])


def main(event, context):
    table.put_item(Item={"order_id": event["id"], "total": event["total"]})
    return table.get_item(Key={"order_id": event["id"]}).get("Item")
