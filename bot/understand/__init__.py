"""What does a message ask? Text in; labels, confidence and slots out."""
