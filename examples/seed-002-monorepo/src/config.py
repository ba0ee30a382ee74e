class Config:
    INTERVAL = 300
