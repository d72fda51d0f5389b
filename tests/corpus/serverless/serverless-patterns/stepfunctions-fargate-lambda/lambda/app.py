import json

def lambda_handler(event, context):
    return {"mesaage": "hello from Lambda"}
