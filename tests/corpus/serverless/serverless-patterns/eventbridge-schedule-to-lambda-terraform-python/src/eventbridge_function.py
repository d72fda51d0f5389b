def lambda_handler(event, context):
    print("Event: ", event)